"""“Rivers under the street”: buried urban streams, with the ecologist Ngozi Adeyemi. Written
for Parlance's demo; the people and their words are invented. Complete in English and Italian
(published); French and Arabic partly translated (in progress); Spanish partly translated and
submitted for review. Its three parts share the demo video, from 0:00, 0:30 and 1:00."""

import datetime

from ..blocks import (
    Heading,
    Paragraph,
    Picture,
    Quote,
    Segment,
    Uploaded,
    bulleted,
    item,
    lettered,
    numbered,
    turn,
)
from ..specs import IN_PROGRESS, IN_REVIEW, PUBLISHED, Article
from ..text import T

NGOZI, SAMIR = "ngozi-adeyemi", "samir-haddad"

BURIED = Segment(
    title=T(
        "Why cities buried their rivers",
        it="Perché le città hanno sepolto i loro fiumi",
        fr="Pourquoi les villes ont enterré leurs rivières",
        es="Por qué las ciudades enterraron sus ríos",
        ar="لماذا دفنت المدن أنهارها",
    ),
    video=Uploaded(start=0),
    duration=30,
    poster="poster-rivers-1",
    turns=(
        turn(
            SAMIR,
            0,
            T(
                "Ngozi, many people live above a river without knowing it. How does a river "
                "end up under a street?",
                it="Ngozi, molte persone vivono sopra un fiume senza saperlo. Come fa un fiume "
                "a finire sotto una strada?",
            ),
        ),
        turn(
            NGOZI,
            4,
            T(
                "Usually for reasons that made sense at the time. In the nineteenth century a "
                "small urban stream was often an open sewer. Covering it looked like progress, "
                "and the reasons came in a familiar order:",
                it="Di solito per ragioni che allora avevano senso. Nell’Ottocento un piccolo "
                "corso d’acqua urbano era spesso una fogna a cielo aperto. Coprirlo sembrava un "
                "progresso, e le ragioni arrivavano in un ordine ben noto:",
            ),
            numbered(
                item(
                    T(
                        "Disease: the water smelled, and people feared it",
                        it="Le malattie: l’acqua puzzava, e la gente ne aveva paura",
                    ),
                    T(
                        "cholera made that fear reasonable",
                        it="il colera rendeva ragionevole quella paura",
                    ),
                ),
                item(
                    T(
                        "Land: a covered stream is a free strip for a road",
                        it="Il suolo: un torrente coperto è una striscia gratuita per una strada",
                    ),
                    item(
                        T(
                            "a culvert is cheaper than a bridge",
                            it="un condotto costa meno di un ponte",
                        ),
                        T(
                            "until the day it is too small",
                            it="fino al giorno in cui è troppo piccolo",
                        ),
                    ),
                ),
                item(
                    T(
                        "Floods: engineers wanted the water out of sight and out of town, fast",
                        it="Le piene: gli ingegneri volevano l’acqua fuori dalla vista e fuori "
                        "dalla città, in fretta",
                    )
                ),
            ),
        ),
        turn(
            SAMIR,
            15,
            T("And did it work?", it="E ha funzionato?"),
        ),
        turn(
            NGOZI,
            18,
            T(
                "For a while. The smell went away. But a pipe has a fixed size, and rain does "
                "not. When a storm brings more water than the culvert was drawn for, the river "
                "comes back up — through basements, through manholes, along the old valley it "
                "never forgot.",
                it="Per un po’. La puzza è sparita. Ma un tubo ha una misura fissa, la pioggia "
                "no. Quando un temporale porta più acqua di quella per cui il condotto è stato "
                "disegnato, il fiume risale: dalle cantine, dai tombini, lungo la vecchia valle "
                "che non ha mai dimenticato.",
            ),
        ),
        turn(
            SAMIR,
            27,
            T("The river remembers its route.", it="Il fiume ricorda il suo percorso."),
        ),
        turn(
            NGOZI,
            29,
            T("Water has a very good memory.", it="L’acqua ha un’ottima memoria."),
        ),
    ),
)

DAYLIGHTING = Segment(
    title=T(
        "Daylighting",
        it="Riportare alla luce",
        fr="Remettre au jour",
        es="Devolver a la luz",
        ar="الكشف عن الأنهار",
    ),
    video=Uploaded(start=30),
    duration=30,
    poster="poster-rivers-2",
    turns=(
        turn(
            SAMIR,
            0,
            T(
                "Your work is called daylighting. What does that mean in practice?",
                it="Il suo lavoro si chiama <i>daylighting</i>, riportare alla luce. Che cosa "
                "significa in pratica?",
            ),
        ),
        turn(
            NGOZI,
            3,
            T(
                "Opening a buried stream to the sky again, in whole or in part. It is not one "
                "technique but a range, and a city should know where on it a project sits:",
                it="Riaprire al cielo un corso d’acqua sepolto, in tutto o in parte. Non è una "
                "tecnica sola ma una gamma, e una città dovrebbe sapere in quale punto si "
                "colloca un progetto:",
            ),
            lettered(
                item(
                    T(
                        "Full restoration: a natural channel, banks and a floodplain",
                        it="Ripristino completo: un alveo naturale, le sponde e una piana "
                        "alluvionale",
                    ),
                    item(
                        T(
                            "it needs space, which usually means buying land",
                            it="richiede spazio, il che di solito significa comprare terreni",
                        ),
                        T(
                            "and that means talking to every owner first",
                            it="e questo significa parlare prima con ogni proprietario",
                        ),
                    ),
                ),
                item(
                    T(
                        "Architectural daylighting: an open channel with hard edges",
                        it="Riapertura architettonica: un canale aperto con argini rigidi",
                    ),
                    T("good for dense centres", it="adatta ai centri densi"),
                    T("poor for wildlife", it="povera per la fauna"),
                ),
                item(
                    T(
                        "Cultural daylighting: the buried route marked in paving, names and art",
                        it="Riapertura culturale: il percorso sepolto segnato nella "
                        "pavimentazione, nei nomi e nell’arte",
                    )
                ),
            ),
        ),
        turn(
            SAMIR,
            16,
            T(
                "The last one sounds like a consolation prize.",
                it="L’ultima sembra un premio di consolazione.",
            ),
        ),
        turn(
            NGOZI,
            19,
            T(
                "Sometimes it is the first step. Seoul’s Cheonggyecheon was uncovered from "
                "beneath a road and an elevated motorway in the 2000s, and it became one of "
                "the most visited places in the city. People defend what they can see. A river "
                "painted on the pavement is a promise that someone may one day keep.",
                it="A volte è il primo passo. Il Cheonggyecheon di Seul è stato liberato da "
                "sotto una strada e una sopraelevata negli anni Duemila, ed è diventato uno dei "
                "luoghi più visitati della città. Le persone difendono ciò che vedono. Un fiume "
                "dipinto sul selciato è una promessa che un giorno qualcuno potrebbe mantenere.",
            ),
        ),
    ),
)

WHO_FOR = Segment(
    title=T(
        "Who the river is for",
        it="Per chi è il fiume",
        fr="Pour qui est la rivière",
        es="Para quién es el río",
        ar="لمن النهر",
    ),
    video=Uploaded(start=60),
    duration=30,
    poster="poster-rivers-3",
    turns=(
        turn(
            SAMIR,
            0,
            T(
                "When a stream comes back, who benefits?",
                it="Quando un corso d’acqua ritorna, chi ci guadagna?",
            ),
        ),
        turn(
            NGOZI,
            4,
            T(
                "That is the question I ask first, because the answer is not automatic. A "
                "restored river raises the value of the houses beside it. If we are careless, "
                "the people who lived with the flooding leave just as the water becomes "
                "beautiful. At one public meeting a woman who had bailed out her kitchen for "
                "thirty years stood up and said:",
                it="È la prima domanda che faccio, perché la risposta non è scontata. Un fiume "
                "risanato fa salire il valore delle case che lo costeggiano. Se non stiamo "
                "attenti, chi ha convissuto con le alluvioni se ne va proprio quando l’acqua "
                "diventa bella. A un’assemblea pubblica una donna che per trent’anni aveva "
                "svuotato d’acqua la sua cucina si è alzata e ha detto:",
            ),
            Quote(
                text=T(
                    "I want the river back. I also want to still be here when it comes.",
                    it="Rivoglio il fiume. E voglio essere ancora qui quando tornerà.",
                ),
                said_by=T(
                    "A resident at a public meeting",
                    it="Un’abitante, a un’assemblea pubblica",
                ),
            ),
        ),
        turn(
            SAMIR,
            14,
            T("So what do you do?", it="E allora che cosa fate?"),
        ),
        turn(
            NGOZI,
            16,
            T(
                "We write it into the project from the first day:",
                it="Lo scriviamo nel progetto fin dal primo giorno:",
            ),
            bulleted(
                T(
                    "homes protected from flooding before the works begin",
                    it="case protette dalle alluvioni prima che inizino i lavori",
                ),
                item(
                    T(
                        "local people hired for the maintenance crews",
                        it="persone del quartiere assunte nelle squadre di manutenzione",
                    ),
                    T(
                        "rivers need tending for decades, not months",
                        it="i fiumi vanno curati per decenni, non per mesi",
                    ),
                ),
                T(
                    "banks kept public, with no private frontage",
                    it="sponde che restano pubbliche, senza affacci privati",
                ),
            ),
        ),
        turn(
            T(
                "Audience member",
                it="Una persona del pubblico",
                fr="Une personne du public",
                es="Una persona del público",
                ar="أحد الحضور",
            ),
            26,
            T("Will the fish come back?", it="Torneranno i pesci?"),
        ),
        turn(
            NGOZI,
            28,
            T(
                "Some will, sooner than you think. The mayflies come first.",
                it="Alcuni sì, prima di quanto pensi. Per primi arrivano gli efemerotteri.",
            ),
        ),
    ),
)

ARTICLE = Article(
    slug="rivers-under-the-street",
    title=T(
        "Rivers under the street",
        it="Fiumi sotto la strada",
        fr="Des rivières sous la rue",
        es="Ríos bajo la calle",
        ar="أنهار تحت الشارع",
    ),
    standfirst=T(
        "An ecologist on the streams that cities buried, why they keep coming back, and who "
        "gains when they are opened to the sky again.",
        it="Un’ecologa sui corsi d’acqua che le città hanno sepolto, sul perché continuano a "
        "tornare e su chi ci guadagna quando vengono riaperti al cielo.",
        fr="Une écologue parle des cours d’eau que les villes ont enterrés, de leur retour "
        "obstiné et de ceux qui gagnent à les rouvrir.",
        es="Una ecóloga habla de los arroyos que las ciudades enterraron, de por qué siempre "
        "vuelven y de quién gana cuando se abren de nuevo al cielo.",
        ar="عالمة بيئة تتحدث عن الجداول التي دفنتها المدن، ولماذا تعود دائمًا، ومن يستفيد حين "
        "تُفتح للسماء من جديد.",
    ),
    hero_image="hero-rivers",
    hero_alt_text=T(
        "A drawing of a blue river flowing beneath grey city blocks.",
        it="Il disegno di un fiume azzurro che scorre sotto isolati grigi.",
        es="Un dibujo de un río azul que corre bajo manzanas grises.",
    ),
    hero_caption=T(
        "A river running beneath the blocks of a city.",
        it="Un fiume che scorre sotto gli isolati di una città.",
        es="Un río que corre bajo las manzanas de una ciudad.",
    ),
    hero_credit=T(
        "Drawn by Parlance’s demo generator",
        it="Disegno del generatore della demo di Parlance",
        es="Dibujo del generador de la demo de Parlance",
    ),
    credits=T(
        "<p>Interview by Samir Haddad for Parlance’s demo. The people and their words are "
        "invented; the Seoul example is real.</p>"
        "<p>The three parts play a generated test pattern, from 0:00, 0:30 and 1:00.</p>",
        it="<p>Intervista di Samir Haddad per la demo di Parlance. Le persone e le loro parole "
        "sono inventate; l’esempio di Seul è reale.</p>"
        "<p>Le tre parti mostrano un’immagine di prova generata, da 0:00, 0:30 e 1:00.</p>",
    ),
    original_publication_date=datetime.date(2024, 9, 5),
    last_updated=None,
    topics=("cities", "ecology"),
    people=((NGOZI, "interviewee"), (SAMIR, "interviewer")),
    body=(
        Paragraph(
            T(
                "Under many cities runs water that nobody has seen for a century. Ngozi "
                "Adeyemi has spent twenty years finding it again. She talks to Samir Haddad "
                "about <b>why rivers were buried</b>, what it takes to bring them back, and "
                "the people a restored river can quietly push away.",
                it="Sotto molte città scorre acqua che nessuno vede da un secolo. Ngozi Adeyemi "
                "ha passato vent’anni a ritrovarla. Con Samir Haddad parla del <b>perché i fiumi "
                "sono stati sepolti</b>, di che cosa serve per riportarli alla luce e delle "
                "persone che un fiume risanato può allontanare senza rumore.",
                fr="Sous bien des villes coule une eau que personne n’a vue depuis un siècle. "
                "Ngozi Adeyemi passe sa vie à la retrouver.",
                es="Bajo muchas ciudades corre agua que nadie ha visto en un siglo. Ngozi "
                "Adeyemi lleva veinte años encontrándola de nuevo. Habla con Samir Haddad de "
                "<b>por qué se enterraron los ríos</b>, de lo que hace falta para recuperarlos y "
                "de las personas que un río restaurado puede desplazar sin ruido.",
            )
        ),
        Picture(
            image="culvert-rivers",
            alt_text=T(
                "Diagram: grey blocks of buildings above, blue bands of water running beneath "
                "them.",
                it="Schema: blocchi grigi di edifici in alto, fasce d’acqua azzurre che scorrono "
                "sotto di essi.",
                es="Esquema: bloques grises de edificios arriba y franjas de agua azul que "
                "corren por debajo.",
            ),
            caption=T(
                "A buried stream runs under the blocks, not beside them.",
                it="Un corso d’acqua sepolto scorre sotto gli isolati, non accanto.",
                es="Un arroyo enterrado corre bajo las manzanas, no a su lado.",
            ),
            credit=T(
                "Parlance demo generator",
                it="Generatore della demo di Parlance",
                es="Generador de la demo de Parlance",
            ),
        ),
        BURIED,
        Quote(
            text=T(
                "A pipe has a fixed size, and rain does not.",
                it="Un tubo ha una misura fissa, la pioggia no.",
            ),
            said_by=NGOZI,
            source_title=T("Parlance interview, part 1", it="Intervista di Parlance, parte 1"),
        ),
        DAYLIGHTING,
        Heading(
            T(
                "A question of who",
                it="Una questione di chi",
                fr="Une question de personnes",
                es="Una cuestión de quién",
                ar="مسألة من",
            ),
            level="h3",
        ),
        WHO_FOR,
    ),
    states={"it": PUBLISHED, "fr": IN_PROGRESS, "es": IN_REVIEW, "ar": IN_PROGRESS},
)
