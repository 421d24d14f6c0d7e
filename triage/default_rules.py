"""The default triage rules as plain data, with the source each one comes from.

These are the rules the site starts with (version 1). After that, clinical
editors own the rules in the admin; this module is only read by the starter
loader and by tests that check the defaults never under-triage. The
reasoning behind each rule is in docs/triage-rules.md.

Thresholds are condition values, so editors can change them in the admin.
"""

from triage import contract, engine

NG126 = ("NICE NG126: Ectopic pregnancy and miscarriage", "https://www.nice.org.uk/guidance/ng126")
NG12 = ("NICE NG12: Suspected cancer: recognition and referral", "https://www.nice.org.uk/guidance/ng12")
CG156 = (
    "NICE CG156: Fertility problems (ovarian hyperstimulation syndrome)",
    "https://www.nice.org.uk/guidance/cg156",
)
NG88 = ("NICE NG88: Heavy menstrual bleeding", "https://www.nice.org.uk/guidance/ng88")
CKS_PID = (
    "NICE CKS: Pelvic inflammatory disease",
    "https://cks.nice.org.uk/topics/pelvic-inflammatory-disease/",
)
CKS_IMB = ("NICE CKS: Intermenstrual bleeding (abnormal vaginal bleeding)", "https://cks.nice.org.uk/")
CKS_PCB = ("NICE CKS: Post-coital bleeding", "https://cks.nice.org.uk/")
RCOG_APH = (
    "RCOG Green-top Guideline No. 63: Antepartum haemorrhage",
    "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/"
    "antepartum-haemorrhage-green-top-guideline-no-63/",
)
HEITMANN = (
    "Heitmann RJ et al. Am J Obstet Gynecol. 2014;211(4):358.e1-6 (premenstrual spotting and endometriosis)",
    "https://doi.org/10.1016/j.ajog.2014.04.041",
)
BRIEF = ("Content brief: When to worry", "")
BRIEF_CAUSES = ("Content brief: Ten common reasons (procedures, transvaginal ultrasound, IUI and IVF)", "")
JABARA = ("Jabara S et al. J Exp Clin Assist Reprod. 2009;6:6 (bleeding after IVF)", "")

PREGNANT_OR_MAYBE = "possible,positive_test"

# name, disposition, conditions (field, operator, value as an editor types it), message, causes, source
RULES = [
    (
        "Severe pain",
        contract.EMERGENCY,
        [("pain", contract.EQUALS, "severe")],
        "Severe pain with bleeding needs checking straight away. It can be a sign of an ectopic "
        "pregnancy, ovarian hyperstimulation syndrome (OHSS) or a serious pelvic infection.",
        ["ectopic-pregnancy", "ohss", "infection-and-pid"],
        BRIEF[0] + "; " + NG126[0],
        NG126[1],
    ),
    (
        "Feeling faint or dizzy",
        contract.EMERGENCY,
        [("dizzy_or_faint", contract.IS_TRUE, "")],
        "Feeling faint or dizzy, or fainting, can mean you are losing blood inside your body. "
        "This needs help now.",
        ["ectopic-pregnancy", "early-pregnancy-bleeding"],
        NG126[0] + " (signs of shock or collapse)",
        NG126[1],
    ),
    (
        "Heavy bleeding when you could be pregnant",
        contract.EMERGENCY,
        [("pregnancy", contract.IN, PREGNANT_OR_MAYBE), ("bleeding_amount", contract.EQUALS, "heavy")],
        "Heavy bleeding when you are or might be pregnant needs to be checked now.",
        ["early-pregnancy-bleeding", "ectopic-pregnancy"],
        BRIEF[0] + "; " + NG126[0],
        NG126[1],
    ),
    (
        "One-sided or shoulder-tip pain when you could be pregnant",
        contract.EMERGENCY,
        [("pregnancy", contract.IN, PREGNANT_OR_MAYBE), ("one_sided_or_shoulder_pain", contract.IS_TRUE, "")],
        "Pain on one side of your lower tummy, or in the tip of your shoulder, can be a sign of an "
        "ectopic pregnancy. This is when a pregnancy grows outside the womb. It needs checking now.",
        ["ectopic-pregnancy"],
        NG126[0] + " (symptoms of ectopic pregnancy)",
        NG126[1],
    ),
    (
        "Fever with pain",
        contract.EMERGENCY,
        [("fever", contract.IS_TRUE, ""), ("pain", contract.IN, "mild,moderate,severe")],
        "A fever with tummy or pelvic pain can be a sign of a serious infection, such as pelvic "
        "inflammatory disease. It needs checking now.",
        ["infection-and-pid"],
        CKS_PID[0] + " (signs of severe illness)",
        CKS_PID[1],
    ),
    (
        "Pain during fertility treatment (possible OHSS)",
        contract.EMERGENCY,
        [("fertility_treatment", contract.IS_TRUE, ""), ("pain", contract.IN, "moderate,severe")],
        "Moderate or severe tummy pain during fertility treatment can be a sign of ovarian "
        "hyperstimulation syndrome (OHSS). It can become serious quickly, so get checked now.",
        ["ohss", "fertility-drug-side-effects"],
        CG156[0],
        CG156[1],
    ),
    (
        "Bleeding later in pregnancy",
        contract.EMERGENCY,
        [("pregnancy", contract.EQUALS, "positive_test"), ("weeks_pregnant", contract.GTE, "24")],
        "Any bleeding from 24 weeks of pregnancy needs to be checked in hospital straight away. "
        "Go to your maternity unit or the emergency department now.",
        ["early-pregnancy-bleeding"],
        RCOG_APH[0],
        RCOG_APH[1],
    ),
    (
        "Bleeding after a positive pregnancy test",
        contract.URGENT,
        [("pregnancy", contract.EQUALS, "positive_test")],
        "Call your doctor or early pregnancy unit today about any bleeding after a positive test. "
        "About half of people who bleed early in pregnancy go on to have a healthy pregnancy, "
        "but your doctor may want a blood test or a scan.",
        ["early-pregnancy-bleeding", "implantation-spotting", "ectopic-pregnancy"],
        BRIEF[0] + "; " + NG126[0],
        NG126[1],
    ),
    (
        "Bleeding like a period when you could be pregnant",
        contract.URGENT,
        [("pregnancy", contract.EQUALS, "possible"), ("bleeding_amount", contract.EQUALS, "period_like")],
        "Bleeding like a period when you might be pregnant can be an early miscarriage. "
        "Do a pregnancy test and talk to a doctor today.",
        ["early-pregnancy-bleeding", "implantation-spotting"],
        BRIEF[0] + "; " + NG126[0],
        NG126[1],
    ),
    (
        "Pain when you could be pregnant",
        contract.URGENT,
        [("pregnancy", contract.IN, PREGNANT_OR_MAYBE), ("pain", contract.IN, "mild,moderate")],
        "Mild cramps can be normal in early pregnancy, but pain with bleeding when you might be "
        "pregnant should be checked by a doctor today, to rule out an ectopic pregnancy.",
        ["ectopic-pregnancy", "early-pregnancy-bleeding"],
        BRIEF[0] + "; " + NG126[0],
        NG126[1],
    ),
    (
        "Moderate pain",
        contract.URGENT,
        [("pain", contract.EQUALS, "moderate")],
        "Bleeding with pain that gets in the way of what you are doing should be checked by a doctor today.",
        ["infection-and-pid", "endometriosis", "fibroids-and-polyps"],
        BRIEF[0] + "; " + CKS_PID[0],
        CKS_PID[1],
    ),
    (
        "Heavy bleeding",
        contract.URGENT,
        [("bleeding_amount", contract.EQUALS, "heavy")],
        "Soaking a pad or more an hour, or passing large clots, should be checked by a doctor today. "
        "If you start to feel faint or dizzy, get emergency help.",
        ["fibroids-and-polyps", "hormonal-imbalance"],
        NG88[0],
        NG88[1],
    ),
    (
        "Fever",
        contract.URGENT,
        [("fever", contract.IS_TRUE, "")],
        "A fever with bleeding can be a sign of an infection. Contact a doctor today.",
        ["infection-and-pid"],
        CKS_PID[0],
        CKS_PID[1],
    ),
    (
        "One-sided or shoulder-tip pain",
        contract.URGENT,
        [("one_sided_or_shoulder_pain", contract.IS_TRUE, "")],
        "Pain on one side of your lower tummy, or in the tip of your shoulder, should be checked by a "
        "doctor today. Do a pregnancy test if there is any chance you could be pregnant.",
        ["ectopic-pregnancy", "infection-and-pid"],
        NG126[0] + " (think of ectopic pregnancy in anyone who could be pregnant)",
        NG126[1],
    ),
    (
        "Bleeding after the menopause, aged 55 or over",
        contract.URGENT,
        [("postmenopausal", contract.IS_TRUE, ""), ("age", contract.GTE, "55")],
        "Bleeding after your periods have stopped for a year needs checking. Contact your doctor today: "
        "at 55 or over they should refer you on the urgent suspected cancer pathway. "
        "Most of the time the cause is not cancer.",
        ["cervical-and-uterine-cancer", "hormonal-imbalance"],
        NG12[0] + " (post-menopausal bleeding, aged 55 and over)",
        NG12[1],
    ),
    (
        "Bleeding after the menopause, under 55",
        contract.APPOINTMENT,
        [("postmenopausal", contract.IS_TRUE, ""), ("age", contract.LT, "55")],
        "Bleeding after your periods have stopped for a year needs checking. Book an appointment with "
        "your doctor. Most of the time the cause is not cancer.",
        ["cervical-and-uterine-cancer", "hormonal-imbalance"],
        NG12[0] + " (post-menopausal bleeding, under 55)",
        NG12[1],
    ),
    (
        "Spotting for 2 or more days before a period",
        contract.APPOINTMENT,
        [("premenstrual_spotting_days", contract.GTE, "2")],
        "Spotting for 2 or more days before your period starts is linked with endometriosis, "
        "especially if you are trying to get pregnant. Book an appointment with your doctor.",
        ["endometriosis", "hormonal-imbalance"],
        HEITMANN[0],
        HEITMANN[1],
    ),
    (
        "Bleeding between periods in most cycles",
        contract.APPOINTMENT,
        [("frequency", contract.EQUALS, "most_cycles")],
        "Bleeding between periods that keeps happening should be checked. Common causes are hormone "
        "changes, polyps, fibroids and infection. Rarely it can be cancer. Book an appointment.",
        ["hormonal-imbalance", "fibroids-and-polyps", "infection-and-pid", "cervical-and-uterine-cancer"],
        CKS_IMB[0],
        CKS_IMB[1],
    ),
    (
        "Bleeding after sex that keeps happening",
        contract.APPOINTMENT,
        [("after_intercourse", contract.IS_TRUE, ""), ("frequency", contract.IN, "occasional,most_cycles")],
        "Bleeding after sex that happens more than once should be checked. Your doctor can look at "
        "your cervix and test for infection. Book an appointment.",
        ["sexual-intercourse", "infection-and-pid", "cervical-and-uterine-cancer"],
        CKS_PCB[0],
        CKS_PCB[1],
    ),
    (
        "Spotting after a recent procedure",
        contract.SELF_CARE,
        [("recent_procedure", contract.IS_TRUE, "")],
        "Light spotting for a day or two after a smear test, an internal scan, or an IUI or IVF "
        "procedure is common. The cervix can bleed a little when it is touched.",
        ["gynaecological-procedures", "transvaginal-ultrasound", "iui-and-ivf-procedures"],
        BRIEF_CAUSES[0],
        BRIEF_CAUSES[1],
    ),
    (
        "First bleed after sex",
        contract.SELF_CARE,
        [("after_intercourse", contract.IS_TRUE, ""), ("frequency", contract.EQUALS, "first_time")],
        "The cervix can bleed a little when it is touched, especially if you take fertility drugs. "
        "If it happens again, book an appointment.",
        ["sexual-intercourse"],
        CKS_PCB[0],
        CKS_PCB[1],
    ),
    (
        "You could be pregnant",
        contract.SELF_CARE,
        [("pregnancy", contract.EQUALS, "possible")],
        "Light spotting around the time your period is due can be an early sign of pregnancy. "
        "Do a pregnancy test. If it is positive, call your doctor about the bleeding.",
        ["implantation-spotting", "early-pregnancy-bleeding"],
        BRIEF[0] + "; " + NG126[0],
        NG126[1],
    ),
    (
        "Spotting during fertility treatment",
        contract.SELF_CARE,
        [("fertility_treatment", contract.IS_TRUE, "")],
        "Spotting is common with fertility drugs, progesterone and IUI or IVF. Tell your fertility "
        "clinic. Call them the same day if pain, bloating or breathlessness get worse.",
        ["fertility-drug-side-effects", "progesterone-suppositories", "iui-and-ivf-procedures"],
        JABARA[0],
        JABARA[1],
    ),
]

DEFAULT_CHANGE_NOTE = (
    "Default rules, derived from the content brief and NICE guidance (see docs/triage-rules.md)."
)


def default_rule_data():
    """The default rules as dictionaries, in order."""
    return [
        {
            "name": name,
            "disposition": disposition,
            "conditions": conditions,
            "message": message,
            "causes": causes,
            "source_citation": citation,
            "source_url": url,
            "order": (index + 1) * 10,
        }
        for index, (name, disposition, conditions, message, causes, citation, url) in enumerate(RULES)
    ]


def default_ruleset(version=1):
    """The default rules as an engine ruleset, for tests that need no database."""
    rules = []
    for index, data in enumerate(default_rule_data()):
        conditions = tuple(
            engine.validate_condition(engine.Condition(field, operator, value))
            for field, operator, value in data["conditions"]
        )
        rules.append(
            engine.Rule(
                id=index + 1,
                name=data["name"],
                disposition=data["disposition"],
                conditions=conditions,
                message=data["message"],
                order=data["order"],
                source=data["source_citation"],
            )
        )
    return engine.RuleSet(version=version, rules=tuple(rules))
