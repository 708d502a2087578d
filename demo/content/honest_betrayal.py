"""“The honest betrayal”: the ethics of translation, with the linguist Elena Marchetti.
Written for Parlance's demo; every person and every word is invented. Complete in English,
Italian and Arabic (both published); French partly translated (in progress); Spanish partly
translated and submitted for review."""

import datetime

from ..blocks import (
    Heading,
    Paragraph,
    Picture,
    Quote,
    Segment,
    Transcript,
    Uploaded,
    bulleted,
    item,
    lettered,
    numbered,
    turn,
)
from ..specs import IN_PROGRESS, IN_REVIEW, PUBLISHED, Article
from ..text import T

ELENA, SAMIR = "elena-marchetti", "samir-haddad"
YOUTUBE_PLACEHOLDER = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"  # Big Buck Bunny, CC BY 3.0

AUDIENCE_MEMBER = T(
    "Audience member",
    it="Una persona del pubblico",
    fr="Une personne du public",
    es="Una persona del público",
    ar="أحد الحضور",
)
STUDENT = T("A student", it="Una studentessa", ar="طالبة")

FIDELITY = Segment(
    title=T(
        "Fidelity to whom?",
        it="Fedeltà a chi?",
        fr="Fidèle à qui ?",
        es="¿Fidelidad a quién?",
        ar="الأمانة لمن؟",
    ),
    video=Uploaded(start=0),
    duration=30,
    poster="poster-translation-1",
    turns=(
        turn(
            SAMIR,
            0,
            T(
                "Elena, people often praise a translation for being faithful. When you hear "
                "the word <i>fidelity</i>, what do you think it asks of you?",
                it="Elena, spesso si loda una traduzione perché è fedele. Quando sente la "
                "parola <i>fedeltà</i>, che cosa pensa che le chieda?",
                ar="إيلينا، كثيرًا ما يُمدح النص المترجَم لأنه أمين. حين تسمعين كلمة "
                "<i>الأمانة</i>، ماذا تظنين أنها تطلب منك؟",
            ),
        ),
        turn(
            ELENA,
            4,
            T(
                "It asks me a question before it gives me a rule: faithful to whom? A text has "
                "at least three claims on me, and they rarely agree.",
                it="Mi fa una domanda prima di darmi una regola: fedele a chi? Un testo ha "
                "almeno tre pretese su di me, e raramente vanno d’accordo.",
                ar="إنها تطرح عليّ سؤالًا قبل أن تعطيني قاعدة: أمينة لمن؟ للنص ثلاثة حقوق "
                "عليّ على الأقل، ونادرًا ما تتفق.",
            ),
            numbered(
                item(
                    T(
                        "The author, who chose these words and not others",
                        it="L’autore, che ha scelto queste parole e non altre",
                        ar="المؤلف، الذي اختار هذه الكلمات دون غيرها",
                    ),
                    T(
                        "their rhythm and their silences",
                        it="il loro ritmo e i loro silenzi",
                        ar="إيقاعها وصمتها",
                    ),
                    item(
                        T(
                            "what they left unclear on purpose",
                            it="ciò che ha lasciato oscuro di proposito",
                            ar="ما تركه غامضًا عن قصد",
                        ),
                        T(
                            "sometimes the ambiguity is the whole point",
                            it="a volte l’ambiguità è proprio il punto",
                            ar="فأحيانًا يكون الغموض هو المقصود كله",
                        ),
                    ),
                ),
                item(
                    T(
                        "The reader, who has to enter a world they did not grow up in",
                        it="Il lettore, che deve entrare in un mondo in cui non è cresciuto",
                        ar="القارئ، الذي عليه أن يدخل عالمًا لم ينشأ فيه",
                    )
                ),
                item(
                    T(
                        "The people the text is about, who never agreed to be translated",
                        it="Le persone di cui il testo parla, che non hanno mai acconsentito "
                        "a essere tradotte",
                        ar="الناس الذين يتحدث عنهم النص، ولم يوافقوا قط على أن يُترجَموا",
                    )
                ),
            ),
        ),
        turn(
            SAMIR,
            12,
            T(
                "And when those three pull in different directions?",
                it="E quando queste tre pretese tirano in direzioni diverse?",
                ar="وحين تتجاذب هذه الحقوق الثلاثة في اتجاهات مختلفة؟",
            ),
        ),
        turn(
            ELENA,
            15,
            T(
                "Then I have to decide, and I have to be able to say why. Italians like to "
                "quote a proverb at translators, as if it settled the matter:",
                it="Allora devo decidere, e devo saper dire perché. Agli italiani piace citare "
                "ai traduttori un proverbio, come se chiudesse la questione:",
                ar="عندها عليّ أن أقرّر، وأن أستطيع تفسير قراري. يحب الإيطاليون أن يرددوا "
                "على المترجمين مثلًا شعبيًا، كأنه يحسم المسألة:",
            ),
            Quote(
                text=T(
                    "Traduttore, traditore. (Translator, traitor.)",
                    it="Traduttore, traditore.",
                    ar="Traduttore, traditore. (المترجم خائن.)",
                ),
                said_by=T("Italian proverb", it="Proverbio italiano", ar="مثل إيطالي"),
            ),
            T(
                "It is a good joke and a poor ethics. It assumes betrayal is one thing. In "
                "practice I choose which betrayal I can defend in front of the author, the "
                "reader and the people in the text — and I write that choice down.",
                it="È una buona battuta e una pessima etica. Presuppone che il tradimento sia "
                "uno solo. In pratica scelgo quale tradimento so difendere davanti all’autore, "
                "al lettore e alle persone del testo, e quella scelta la metto per iscritto.",
                ar="إنه نكتة جيدة وأخلاق رديئة، إذ يفترض أن الخيانة شيء واحد. في الواقع "
                "أختار الخيانة التي أستطيع الدفاع عنها أمام المؤلف والقارئ والناس في النص، "
                "ثم أدوّن ذلك الاختيار.",
            ),
        ),
        turn(
            SAMIR,
            25,
            T("Written down where?", it="Per iscritto dove?", ar="تدوّنينه أين؟"),
        ),
        turn(
            ELENA,
            27,
            T(
                "In the notes. We will get there.",
                it="Nelle note. Ci arriveremo.",
                ar="في الحواشي. سنصل إلى ذلك.",
            ),
        ),
    ),
)

INTERPRETER = Segment(
    title=T(
        "The interpreter in the room",
        it="L’interprete nella stanza",
        fr="L’interprète dans la pièce",
        es="La intérprete en la sala",
        ar="المترجمة في الغرفة",
    ),
    video=YOUTUBE_PLACEHOLDER,
    duration=30,
    poster="poster-translation-2",
    turns=(
        turn(
            SAMIR,
            0,
            T(
                "Before literature you spent twenty years interpreting in courts and "
                "hospitals. What did that teach you?",
                it="Prima della letteratura ha passato vent’anni a fare l’interprete in "
                "tribunale e in ospedale. Che cosa le hanno insegnato?",
                ar="قبل الأدب قضيتِ عشرين عامًا في الترجمة الفورية في المحاكم والمستشفيات. "
                "ماذا علّمتك تلك السنوات؟",
            ),
        ),
        turn(
            ELENA,
            3,
            T(
                "That a translator is never outside the room. A doctor says something precise; "
                "a frightened patient hears something else. I learned to work with a short "
                "checklist, which I still keep on my desk:",
                it="Che un traduttore non è mai fuori dalla stanza. Un medico dice una cosa "
                "precisa; un paziente spaventato ne sente un’altra. Ho imparato a lavorare con "
                "un breve promemoria, che tengo ancora sulla scrivania:",
                ar="أن المترجم لا يكون أبدًا خارج الغرفة. يقول الطبيب شيئًا دقيقًا، فيسمع "
                "المريض الخائف شيئًا آخر. تعلّمت أن أعمل بقائمة قصيرة ما زلت أحتفظ بها على "
                "مكتبي:",
            ),
            lettered(
                item(
                    T(
                        "Say what was said, not what should have been said",
                        it="Di’ ciò che è stato detto, non ciò che si sarebbe dovuto dire",
                        ar="قُل ما قيل، لا ما كان ينبغي أن يُقال",
                    ),
                    item(
                        T(
                            "keep the hesitations when they carry meaning",
                            it="conserva le esitazioni quando hanno un significato",
                            ar="احتفظ بالتردد حين يحمل معنى",
                        ),
                        T(
                            "a pause before a dosage is information",
                            it="una pausa prima di un dosaggio è un’informazione",
                            ar="التوقف قبل ذكر الجرعة معلومة",
                        ),
                    ),
                ),
                item(
                    T(
                        "Say when you do not understand",
                        it="Di’ quando non capisci",
                        ar="قُل حين لا تفهم",
                    ),
                    T(
                        "ask rather than guess",
                        it="chiedi invece di indovinare",
                        ar="اسأل بدل أن تخمّن",
                    ),
                    T(
                        "tell both sides that you asked",
                        it="di’ a entrambe le parti che hai chiesto",
                        ar="أخبر الطرفين بأنك سألت",
                    ),
                ),
                item(
                    T(
                        "Never soften bad news on someone else’s behalf",
                        it="Non addolcire mai una brutta notizia al posto di qualcun altro",
                        ar="لا تخفّف خبرًا سيئًا نيابةً عن أحد",
                    )
                ),
            ),
        ),
        turn(
            SAMIR,
            14,
            T(
                "Isn’t softening sometimes kind?",
                it="Addolcire non è a volte un gesto gentile?",
                ar="أليس التخفيف لطفًا في بعض الأحيان؟",
            ),
        ),
        turn(
            ELENA,
            17,
            T(
                "It feels kind. But it takes a decision away from the person it belongs to. A "
                "patient who is told a gentler version has been given less, not more. Kindness "
                "in that room is accuracy delivered slowly, with time for questions.",
                it="Sembra gentile. Ma toglie una decisione alla persona a cui spetta. A un "
                "paziente a cui si racconta una versione più dolce è stato dato di meno, non di "
                "più. In quella stanza la gentilezza è precisione detta lentamente, lasciando "
                "tempo per le domande.",
                ar="يبدو لطفًا، لكنه ينتزع قرارًا من صاحبه. المريض الذي تُروى له نسخة ألطف "
                "قد أُعطي أقل لا أكثر. اللطف في تلك الغرفة هو الدقة تُقال ببطء، مع وقت "
                "للأسئلة.",
            ),
        ),
        turn(
            SAMIR,
            24,
            T(
                "Does the same hold on the page?",
                it="Vale lo stesso sulla pagina?",
                ar="وهل ينطبق ذلك على الصفحة أيضًا؟",
            ),
        ),
        turn(
            ELENA,
            26,
            T(
                "On the page I have more time, so I have fewer excuses.",
                it="Sulla pagina ho più tempo, quindi ho meno scuse.",
                ar="على الصفحة لديّ وقت أطول، فأعذاري أقل.",
            ),
        ),
    ),
)

NOTES = Segment(
    title=T(
        "Notes, silences and credit",
        it="Note, silenzi e riconoscimento",
        fr="Notes, silences et reconnaissance",
        es="Notas, silencios y reconocimiento",
        ar="الحواشي والصمت والاعتراف",
    ),
    video=Uploaded(start=60),
    duration=30,
    poster="poster-translation-3",
    turns=(
        turn(
            SAMIR,
            0,
            T(
                "Your translations are known for their notes. Some readers find them intrusive.",
                it="Le sue traduzioni sono note per le loro note. Alcuni lettori le trovano "
                "invadenti.",
                ar="تُعرف ترجماتك بحواشيها، وبعض القرّاء يجدونها متطفلة.",
            ),
        ),
        turn(
            ELENA,
            5,
            T(
                "Some do. I keep them short, and I follow three rules:",
                it="Alcuni sì. Le tengo brevi, e seguo tre regole:",
                ar="بعضهم كذلك. أجعلها قصيرة، وأتبع ثلاث قواعد:",
            ),
            bulleted(
                T(
                    "A note says what I gave up, not what I know",
                    it="Una nota dice a che cosa ho rinunciato, non che cosa so",
                    ar="الحاشية تقول ما تخلّيت عنه، لا ما أعرفه",
                ),
                T(
                    "A note never explains a joke",
                    it="Una nota non spiega mai una battuta",
                    ar="الحاشية لا تشرح نكتة أبدًا",
                ),
                item(
                    T(
                        "A note names the people who helped",
                        it="Una nota nomina le persone che hanno aiutato",
                        ar="الحاشية تسمّي من ساعدوا",
                    ),
                    T(
                        "native speakers who read the draft",
                        it="i madrelingua che hanno letto la bozza",
                        ar="أبناء اللغة الذين قرأوا المسودة",
                    ),
                    T(
                        "the author, when they answered my questions",
                        it="l’autore, quando ha risposto alle mie domande",
                        ar="المؤلف، حين أجاب عن أسئلتي",
                    ),
                ),
            ),
        ),
        turn(
            AUDIENCE_MEMBER,
            16,
            T(
                "Should the translator’s name be on the cover?",
                it="Il nome del traduttore dovrebbe stare in copertina?",
                ar="هل ينبغي أن يكون اسم المترجم على الغلاف؟",
            ),
        ),
        turn(
            ELENA,
            19,
            T(
                "Yes, and not as a favour. A reader deserves to know that every sentence passed "
                "through another mind. Hiding the translator does not make a book more "
                "authentic; it makes its choices harder to question.",
                it="Sì, e non per fare un favore. Un lettore ha diritto di sapere che ogni frase "
                "è passata per un’altra mente. Nascondere il traduttore non rende un libro più "
                "autentico: rende più difficile metterne in discussione le scelte.",
                ar="نعم، وليس على سبيل المجاملة. من حق القارئ أن يعرف أن كل جملة مرّت بعقل "
                "آخر. إخفاء المترجم لا يجعل الكتاب أكثر أصالة، بل يجعل مساءلة اختياراته "
                "أصعب.",
            ),
        ),
        turn(
            SAMIR,
            27,
            T("Thank you, Elena.", it="Grazie, Elena.", ar="شكرًا لك يا إيلينا."),
        ),
    ),
)

ARTICLE = Article(
    slug="the-honest-betrayal",
    title=T(
        "The honest betrayal",
        it="Il tradimento onesto",
        fr="La trahison honnête",
        es="La traición honesta",
        ar="الخيانة الأمينة",
    ),
    standfirst=T(
        "A linguist and former court interpreter on what translators owe authors, readers "
        "and the people in the text.",
        it="Una linguista, già interprete in tribunale, su ciò che i traduttori devono agli "
        "autori, ai lettori e alle persone del testo.",
        fr="Une linguiste, ancienne interprète judiciaire, sur ce que les traducteurs doivent "
        "aux auteurs, aux lecteurs et aux personnes du texte.",
        es="Una lingüista y antigua intérprete judicial sobre lo que los traductores deben a "
        "los autores, a los lectores y a las personas del texto.",
        ar="لغوية عملت مترجمةً فورية في المحاكم تتحدث عمّا يدين به المترجمون للمؤلفين "
        "والقرّاء والناس في النص.",
    ),
    hero_image="hero-translation",
    hero_alt_text=T(
        "Letter tiles spelling “translate” in English, Italian, French and Spanish.",
        it="Tessere con le lettere di “tradurre” in inglese, italiano, francese e spagnolo.",
        es="Fichas con letras que forman “traducir” en inglés, italiano, francés y español.",
        ar="مربعات حروف تكتب كلمة «ترجم» بالإنجليزية والإيطالية والفرنسية والإسبانية.",
    ),
    hero_caption=T(
        "One verb, four languages: translate, tradurre, traduire, traducir.",
        it="Un verbo, quattro lingue: translate, tradurre, traduire, traducir.",
        es="Un verbo, cuatro lenguas: translate, tradurre, traduire, traducir.",
        ar="فعل واحد بأربع لغات: translate وtradurre وtraduire وtraducir.",
    ),
    hero_credit=T(
        "Illustration drawn by Parlance’s demo generator",
        it="Illustrazione disegnata dal generatore della demo di Parlance",
        es="Ilustración dibujada por el generador de la demo de Parlance",
        ar="رسم أنشأه مولّد العرض التجريبي في Parlance",
    ),
    credits=T(
        "<p>Interview by Samir Haddad for Parlance’s demo. Every person and every word here "
        "is invented.</p>"
        "<p>Parts 1 and 3 play a generated test pattern. Part 2 links to <i>Big Buck Bunny</i> "
        "(Blender Foundation, CC BY 3.0) on YouTube, to show that external players load only "
        "when you press play.</p>",
        it="<p>Intervista di Samir Haddad per la demo di Parlance. Ogni persona e ogni parola "
        "qui sono inventate.</p>"
        "<p>Le parti 1 e 3 mostrano un’immagine di prova generata. La parte 2 rimanda a "
        "<i>Big Buck Bunny</i> (Blender Foundation, CC BY 3.0) su YouTube, per mostrare che i "
        "lettori esterni si caricano solo quando si preme play.</p>",
        ar="<p>حوار أجراه سمير حداد لعرض Parlance التجريبي. كل الأشخاص وكل الكلمات هنا "
        "متخيَّلة.</p>"
        "<p>يعرض الجزءان الأول والثالث نمط اختبار مولَّدًا. ويحيل الجزء الثاني إلى "
        "<i>Big Buck Bunny</i> (مؤسسة Blender، رخصة CC BY 3.0) على YouTube، ليتبيّن أن "
        "المشغّلات الخارجية لا تُحمَّل إلا حين تضغط على التشغيل.</p>",
    ),
    original_publication_date=datetime.date(2024, 3, 14),
    last_updated=datetime.date(2024, 4, 2),
    topics=("language", "ethics"),
    people=((ELENA, "interviewee"), (SAMIR, "interviewer")),
    body=(
        Paragraph(
            T(
                "Elena Marchetti has spent her working life carrying words between people who "
                "could not otherwise reach each other: first as an interpreter in courts and "
                "hospitals, then as a translator of poetry. In this conversation she argues "
                "that a translation is a chain of decisions that readers have a right to see.",
                it="Elena Marchetti ha passato la vita a portare parole tra persone che "
                "altrimenti non si sarebbero raggiunte: prima come interprete in tribunale e in "
                "ospedale, poi come traduttrice di poesia. In questa conversazione sostiene che "
                "una traduzione è una catena di decisioni che i lettori hanno il diritto di "
                "vedere.",
                fr="Elena Marchetti a passé sa vie professionnelle à porter des mots entre des "
                "personnes qui ne pouvaient pas se rejoindre autrement : d’abord comme "
                "interprète dans les tribunaux et les hôpitaux, puis comme traductrice de "
                "poésie.",
                es="Elena Marchetti ha pasado su vida profesional llevando palabras entre "
                "personas que de otro modo no se habrían alcanzado: primero como intérprete en "
                "tribunales y hospitales, después como traductora de poesía. En esta "
                "conversación sostiene que una traducción es una cadena de decisiones que los "
                "lectores tienen derecho a ver.",
                ar="أمضت إيلينا ماركيتي حياتها المهنية تنقل الكلمات بين أناس ما كانوا "
                "ليصل بعضهم إلى بعض لولا ذلك: مترجمةً فورية في المحاكم والمستشفيات أولًا، ثم "
                "مترجمةً للشعر. وفي هذا الحوار تقول إن الترجمة سلسلة من القرارات من حق القرّاء "
                "أن يروها.",
            )
        ),
        Picture(
            image="desk-translation",
            alt_text=T(
                "Letter tiles spelling “word” in four languages: WORD, PAROLA, MOT, PALABRA.",
                it="Tessere con lettere che compongono «parola» in quattro lingue: WORD, "
                "PAROLA, MOT, PALABRA.",
                es="Fichas con letras que forman «palabra» en cuatro lenguas: WORD, PAROLA, "
                "MOT, PALABRA.",
                ar="مربعات حروف تكتب كلمة «كلمة» بأربع لغات: WORD وPAROLA وMOT وPALABRA.",
            ),
            caption=T(
                "A translator’s desk, reduced to its letters.",
                it="La scrivania di una traduttrice, ridotta alle sue lettere.",
                es="El escritorio de una traductora, reducido a sus letras.",
                ar="مكتب مترجمة، وقد اختُصر إلى حروفه.",
            ),
            credit=T(
                "Parlance demo generator",
                it="Generatore della demo di Parlance",
                es="Generador de la demo de Parlance",
                ar="مولّد عرض Parlance التجريبي",
            ),
        ),
        FIDELITY,
        INTERPRETER,
        Quote(
            text=T(
                "A note is a confession, not an apology.",
                it="Una nota è una confessione, non una scusa.",
                ar="الحاشية اعتراف، لا اعتذار.",
            ),
            said_by=ELENA,
            source_title=T(
                "Parlance interview, part 3",
                it="Intervista di Parlance, parte 3",
                ar="حوار Parlance، الجزء الثالث",
            ),
        ),
        NOTES,
        Heading(
            T(
                "After the recording",
                it="Dopo la registrazione",
                fr="Après l’enregistrement",
                es="Después de la grabación",
                ar="بعد التسجيل",
            )
        ),
        Transcript(
            title=T(
                "Questions from the audience",
                it="Domande dal pubblico",
                es="Preguntas del público",
                ar="أسئلة الحضور",
            ),
            turns=(
                turn(
                    STUDENT,
                    None,
                    T(
                        "Which language is the hardest to translate into?",
                        it="In quale lingua è più difficile tradurre?",
                        ar="ما أصعب لغة يُترجَم إليها؟",
                    ),
                ),
                turn(
                    ELENA,
                    None,
                    T(
                        "The one you think you already know.",
                        it="Quella che credi di conoscere già.",
                        ar="اللغة التي تظن أنك تعرفها مسبقًا.",
                    ),
                ),
            ),
        ),
    ),
    states={"it": PUBLISHED, "ar": PUBLISHED, "fr": IN_PROGRESS, "es": IN_REVIEW},
)
