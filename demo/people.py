"""The demo's people: invented for Parlance, and said to be in their bios. Each is a PersonPage
under the English people index, translated as the states below say (see translations.py)."""

from .specs import PUBLISHED, Person
from .text import T, name

BIO_LANGUAGES = {"it": PUBLISHED, "ar": PUBLISHED}

PEOPLE = [
    Person(
        slug="elena-marchetti",
        name=name("Elena Marchetti", ar="إيلينا ماركيتي"),
        birth_year=1968,
        roles=T(
            "Linguist and literary translator",
            it="Linguista e traduttrice letteraria",
            ar="لغوية ومترجمة أدبية",
        ),
        short_bio=T(
            "Elena Marchetti teaches translation studies and translates poetry from Arabic and "
            "Portuguese into Italian. She is an invented person, written for Parlance’s demo.",
            it="Elena Marchetti insegna teoria della traduzione e traduce poesia dall’arabo e dal "
            "portoghese in italiano. È un personaggio inventato, scritto per la demo di Parlance.",
            ar="تدرّس إيلينا ماركيتي علم الترجمة، وتترجم الشعر من العربية والبرتغالية إلى "
            "الإيطالية. وهي شخصية متخيَّلة كُتبت لعرض Parlance التجريبي.",
        ),
        full_bio=T(
            "<p>Elena Marchetti grew up between two dialects and a radio tuned to foreign "
            "stations. She spent twenty years as a court and hospital interpreter before "
            "turning to literature, and still says that interpreting taught her more about "
            "ethics than any seminar.</p>"
            "<p>Her translations of contemporary poets are known for their notes, which "
            "tell the reader where she gave something up. <i>Elena Marchetti is fictional: "
            "she exists only in this demo.</i></p>",
            it="<p>Elena Marchetti è cresciuta tra due dialetti e una radio sintonizzata su "
            "stazioni straniere. Ha lavorato per vent’anni come interprete in tribunale e in "
            "ospedale prima di dedicarsi alla letteratura, e dice ancora che l’interpretariato "
            "le ha insegnato sull’etica più di qualunque seminario.</p>"
            "<p>Le sue traduzioni di poeti contemporanei sono note per le loro note, che "
            "dicono al lettore dove ha dovuto rinunciare a qualcosa. <i>Elena Marchetti è "
            "un personaggio di finzione: esiste solo in questa demo.</i></p>",
            ar="<p>نشأت إيلينا ماركيتي بين لهجتين ومذياعٍ مضبوط على محطات أجنبية. عملت "
            "عشرين عامًا مترجمةً فورية في المحاكم والمستشفيات قبل أن تتجه إلى الأدب، وما "
            "زالت تقول إن الترجمة الفورية علّمتها من الأخلاق أكثر مما علّمها أي درس.</p>"
            "<p>تُعرف ترجماتها للشعراء المعاصرين بحواشيها التي تخبر القارئ أين تخلّت عن "
            "شيء ما. <i>إيلينا ماركيتي شخصية خيالية لا توجد إلا في هذا العرض.</i></p>",
        ),
        states=BIO_LANGUAGES,
    ),
    Person(
        slug="samir-haddad",
        name=name("Samir Haddad", ar="سمير حداد"),
        birth_year=1981,
        roles=T(
            "Interviewer and editor",
            it="Intervistatore e redattore",
            ar="محاور ومحرر",
        ),
        short_bio=T(
            "Samir Haddad conducts Parlance’s long interviews and edits their transcripts. "
            "He is an invented person, written for Parlance’s demo.",
            it="Samir Haddad conduce le lunghe interviste di Parlance e ne cura le trascrizioni. "
            "È un personaggio inventato, scritto per la demo di Parlance.",
            ar="يُجري سمير حداد مقابلات Parlance الطويلة ويحرّر نصوصها المكتوبة. وهو شخصية "
            "متخيَّلة كُتبت لعرض Parlance التجريبي.",
        ),
        full_bio=T(
            "<p>Samir Haddad worked in local radio, where he learned to let silences run "
            "longer than feels comfortable. At Parlance he prepares each conversation for "
            "weeks and then tries to forget his questions.</p>"
            "<p><i>Samir Haddad is fictional: he exists only in this demo.</i></p>",
            it="<p>Samir Haddad ha lavorato in una radio locale, dove ha imparato a lasciar "
            "durare i silenzi più a lungo di quanto sembri comodo. A Parlance prepara ogni "
            "conversazione per settimane e poi cerca di dimenticare le sue domande.</p>"
            "<p><i>Samir Haddad è un personaggio di finzione: esiste solo in questa demo.</i></p>",
            ar="<p>عمل سمير حداد في إذاعة محلية، حيث تعلّم أن يترك لحظات الصمت تطول أكثر "
            "مما يبدو مريحًا. في Parlance يحضّر لكل حوار أسابيع، ثم يحاول أن ينسى "
            "أسئلته.</p>"
            "<p><i>سمير حداد شخصية خيالية لا توجد إلا في هذا العرض.</i></p>",
        ),
        states=BIO_LANGUAGES,
    ),
    Person(
        slug="ngozi-adeyemi",
        name=name("Ngozi Adeyemi", ar="نغوزي أديمي"),
        birth_year=1975,
        roles=T(
            "Urban river ecologist",
            it="Ecologa dei fiumi urbani",
            ar="باحثة في بيئة الأنهار الحضرية",
        ),
        short_bio=T(
            "Ngozi Adeyemi studies the streams that cities bury and what happens when they "
            "are opened again. She is an invented person, written for Parlance’s demo.",
            it="Ngozi Adeyemi studia i corsi d’acqua che le città interrano e ciò che accade "
            "quando vengono riaperti. È un personaggio inventato, scritto per la demo di "
            "Parlance.",
            ar="تدرس نغوزي أديمي الجداول التي تدفنها المدن، وما يحدث حين تُفتح من جديد. وهي "
            "شخصية متخيَّلة كُتبت لعرض Parlance التجريبي.",
        ),
        full_bio=T(
            "<p>Ngozi Adeyemi trained as a freshwater biologist and spent her first field "
            "season counting mayfly larvae in a concrete channel. She now advises cities on "
            "daylighting buried streams, and insists that residents walk the route before "
            "any engineer draws it.</p>"
            "<p><i>Ngozi Adeyemi is fictional: she exists only in this demo.</i></p>",
            it="<p>Ngozi Adeyemi si è formata come biologa delle acque dolci e ha passato la "
            "sua prima stagione sul campo a contare larve di efemerotteri in un canale di "
            "cemento. Oggi consiglia le città che vogliono riportare alla luce i corsi d’acqua "
            "interrati, e insiste perché gli abitanti percorrano il tracciato prima che un "
            "ingegnere lo disegni.</p>"
            "<p><i>Ngozi Adeyemi è un personaggio di finzione: esiste solo in questa demo.</i></p>",
            ar="<p>تدرّبت نغوزي أديمي عالمةً في أحياء المياه العذبة، وقضت موسمها الميداني "
            "الأول تعدّ يرقات ذباب مايو في قناة إسمنتية. وهي اليوم تقدّم المشورة للمدن في "
            "كشف الجداول المدفونة، وتصرّ على أن يمشي السكان على المسار قبل أن يرسمه أي "
            "مهندس.</p>"
            "<p><i>نغوزي أديمي شخصية خيالية لا توجد إلا في هذا العرض.</i></p>",
        ),
        states=BIO_LANGUAGES,
    ),
]
