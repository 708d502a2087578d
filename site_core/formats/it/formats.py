# Italian long dates without a leading zero: "3 agosto 2010" (Django's default is "03 agosto").
DATE_FORMAT = "j E Y"  # E: the month as used inside a date, lowercase in Italian
