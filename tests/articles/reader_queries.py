"""Held-out reader queries for site search, written before the search was tuned.

Each entry is (query, slugs of pages that answer it). They are phrased as
worried readers type on a phone: lay words, misspellings, whole questions,
brand names, half-remembered terms. They were written from the starter
content's topics (not from the issue's example table) and are not edited to
make the search pass: `test_search_quality.py` measures the share that finds a
right page in the top 3 and the share that finds nothing, on either backend.
"""

IMPLANTATION = "implantation-spotting"
EARLY_PREGNANCY = "early-pregnancy-bleeding"
HORMONAL = "hormonal-imbalance"
FIBROIDS = "fibroids-and-polyps"
FERTILITY_DRUGS = "fertility-drug-side-effects"
PROGESTERONE = "progesterone-suppositories"
PROCEDURES = "gynaecological-procedures"
IVF = "iui-and-ivf-procedures"
ULTRASOUND = "transvaginal-ultrasound"
SEX = "sexual-intercourse"
ENDOMETRIOSIS = "endometriosis"
INFECTION = "infection-and-pid"
ECTOPIC = "ectopic-pregnancy"
OHSS = "ohss"
CANCER = "cervical-and-uterine-cancer"
FLAGSHIP = "spotting-between-periods"

READER_QUERIES = [
    # Implantation and "am I pregnant"
    ("is it implantation bleeding or my period", [IMPLANTATION]),
    ("implantaion bleeding", [IMPLANTATION]),
    ("pink spotting a week before period", [IMPLANTATION, HORMONAL, ENDOMETRIOSIS]),
    ("brown spotting could i be pregnant", [IMPLANTATION, EARLY_PREGNANCY]),
    ("spotting before period pregnant", [IMPLANTATION, ENDOMETRIOSIS, EARLY_PREGNANCY]),
    ("when should i take a pregnancy test after spotting", [IMPLANTATION]),
    ("light bleeding after ovulation", [IMPLANTATION]),
    ("embryo implanting bleeding", [IMPLANTATION]),
    ("early sign of pregnancy spotting", [IMPLANTATION, FLAGSHIP]),
    # Early pregnancy bleeding and miscarriage
    ("bleeding while pregnant", [EARLY_PREGNANCY]),
    ("bleeding in first trimester", [EARLY_PREGNANCY]),
    ("am i having a miscarriage", [EARLY_PREGNANCY]),
    ("miscarage signs", [EARLY_PREGNANCY]),
    ("misscarriage bleeding", [EARLY_PREGNANCY]),
    ("threatened miscarriage", [EARLY_PREGNANCY]),
    ("losing the baby bleeding", [EARLY_PREGNANCY]),
    ("spotting after positive pregnancy test", [EARLY_PREGNANCY]),
    ("bleeding at 8 weeks pregnant", [EARLY_PREGNANCY]),
    ("passing clots pregnant", [EARLY_PREGNANCY]),
    ("heavy bleeding and clots in early pregnancy", [EARLY_PREGNANCY]),
    ("cramps and spotting pregnant", [EARLY_PREGNANCY]),
    ("early pregnancy unit", [EARLY_PREGNANCY]),
    ("is bleeding normal when pregnant", [EARLY_PREGNANCY]),
    ("bleeding after ivf positive test", [EARLY_PREGNANCY, PROGESTERONE]),
    # Hormones, contraception, menopause, thyroid
    ("spotting on the pill", [HORMONAL]),
    ("bleeding on birth control", [HORMONAL]),
    ("spotting after missing a pill", [HORMONAL]),
    ("contraceptive implant spotting", [HORMONAL]),
    ("mirena coil bleeding", [HORMONAL, PROCEDURES]),
    ("depo injection spotting", [HORMONAL]),
    ("perimenopause spotting", [HORMONAL]),
    ("spotting in my 40s before menopause", [HORMONAL]),
    ("thyroid and spotting", [HORMONAL]),
    ("underactive thyroid periods", [HORMONAL]),
    ("hormone imbalance symptoms", [HORMONAL]),
    ("harmonal imbalance", [HORMONAL]),
    ("irregular periods and spotting", [HORMONAL, FLAGSHIP]),
    ("bleeding between periods every month", [HORMONAL, FLAGSHIP]),
    # Fibroids and polyps
    ("fibroid bleeding", [FIBROIDS]),
    ("firboids", [FIBROIDS]),
    ("polyp on cervix", [FIBROIDS]),
    ("cervical polyp bleeding", [FIBROIDS]),
    ("uterine polyps", [FIBROIDS]),
    ("heavy long periods and spotting", [FIBROIDS]),
    ("lump in womb not cancer", [FIBROIDS]),
    # Fertility drugs and progesterone
    ("clomid spotting", [FERTILITY_DRUGS]),
    ("clomiphene side effects", [FERTILITY_DRUGS]),
    ("spotting on fertility medication", [FERTILITY_DRUGS]),
    ("letrozole spotting", [FERTILITY_DRUGS]),
    ("crinone gel brown discharge", [PROGESTERONE]),
    ("cyclogest pessaries bleeding", [PROGESTERONE]),
    ("progesterone pessary spotting", [PROGESTERONE]),
    ("brown discharge on progesterone", [PROGESTERONE]),
    ("progestérone gel", [PROGESTERONE]),
    ("spotting during two week wait after transfer", [PROGESTERONE, IVF, EARLY_PREGNANCY]),
    # Procedures and scans
    ("bleeding after smear", [PROCEDURES]),
    ("pap smear spotting", [PROCEDURES]),
    ("spotting after coil fitting", [PROCEDURES]),
    ("bleeding after a pelvic exam", [PROCEDURES]),
    ("spotting after colposcopy", [PROCEDURES]),
    ("bleeding after internal scan", [ULTRASOUND]),
    ("spotting after transvaginal scan", [ULTRASOUND]),
    ("internal ultrasound bleeding", [ULTRASOUND]),
    ("spotting after dildo cam scan", [ULTRASOUND]),
    ("bleeding after iui", [IVF]),
    ("spotting after embryo transfer", [IVF]),
    ("bleeding after egg collection", [IVF, OHSS]),
    ("insemination spotting", [IVF]),
    ("ivf spotting", [IVF, PROGESTERONE]),
    # Sex
    ("bleeding after sex", [SEX]),
    ("spotting after intercourse", [SEX]),
    ("bleeding after having sex with my partner", [SEX]),
    ("post coital bleeding", [SEX]),
    ("bleeding after sleeping with boyfriend", [SEX]),
    ("spotting after sexual activity", [SEX]),
    # Endometriosis
    ("endometriosis spotting", [ENDOMETRIOSIS]),
    ("endometriossis", [ENDOMETRIOSIS]),
    ("endo symptoms", [ENDOMETRIOSIS]),
    ("painful periods and spotting before period", [ENDOMETRIOSIS]),
    ("spotting for days before my period", [ENDOMETRIOSIS, HORMONAL]),
    ("cant get pregnant and spotting", [ENDOMETRIOSIS]),
    # Infection and PID
    ("chlamydia bleeding", [INFECTION]),
    ("gonorrhea spotting", [INFECTION]),
    ("std bleeding between periods", [INFECTION]),
    ("pelvic inflamatory disease", [INFECTION]),
    ("infection causing spotting", [INFECTION]),
    ("fever and lower belly pain with bleeding", [INFECTION]),
    ("unusual discharge and spotting", [INFECTION]),
    ("burning when i pee and bleeding", [INFECTION]),
    # Ectopic
    ("ectopic pregnancy symptoms", [ECTOPIC]),
    ("ectopic pregnacy", [ECTOPIC]),
    ("pregnancy in the tube", [ECTOPIC]),
    ("one sided pain and spotting pregnant", [ECTOPIC]),
    ("shoulder tip pain", [ECTOPIC]),
    ("pain on one side and fainting", [ECTOPIC]),
    # OHSS
    ("swollen belly after egg collection", [OHSS]),
    ("bloated after ivf stimulation", [OHSS]),
    ("ovarian hyperstimulation", [OHSS]),
    ("overstimulated ovaries", [OHSS]),
    ("cant breathe and tummy swelling after fertility drugs", [OHSS, FERTILITY_DRUGS]),
    # Cancer and after menopause
    ("can spotting be cancer", [CANCER]),
    ("cervical cancer signs", [CANCER]),
    ("womb cancer bleeding", [CANCER]),
    ("bleeding after menopause", [CANCER]),
    ("postmenopausal bleeding", [CANCER]),
    ("endometrial cancer", [CANCER]),
    ("uterine cancer symptoms", [CANCER]),
    # General, the flagship and emergencies
    ("what is spotting", [FLAGSHIP]),
    ("spotting between periods", [FLAGSHIP]),
    ("when to worry about spotting", [FLAGSHIP]),
    ("reasons for spotting", [FLAGSHIP]),
    ("light bleeding not my period", [FLAGSHIP]),
    ("blood when i wipe", [FLAGSHIP]),
    ("spoting", [FLAGSHIP]),
    ("severe pain and bleeding", [ECTOPIC, FLAGSHIP, OHSS, EARLY_PREGNANCY]),
    ("feeling faint and bleeding", [EARLY_PREGNANCY, ECTOPIC, FLAGSHIP]),
    ("when to go to a&e with bleeding", [FLAGSHIP, EARLY_PREGNANCY]),
]
