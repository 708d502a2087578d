# English long dates spelled out: "August 3, 2010" (Django's default abbreviates: "Aug. 3").
DATE_FORMAT = "F j, Y"
