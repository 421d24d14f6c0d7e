"""The shipped safety floor: red flags whose answer no ruleset may lower.

Each statement reads "whenever these answers, at least this disposition" and
names the passage it rests on. The red flags come from the content brief's
"When to worry" section and the published guidance the default rules cite
(docs/triage-release-safety.md explains each). A ruleset that gives less for
any answer set a statement covers cannot be submitted or approved.

These statements are the default only: after `migrate`, a database with no
floor gets them as live floor version 1 (`floor_workflow.install_default_floor`),
and from then on the floor is data (`triage/floor_models.py`) that clinical
safety officers change through their own two-person approval. Rulesets are
checked against that live floor; this list is used directly only while no
floor version is live. Changing this list changes what new installs start
with, never an existing floor.

Conditions are written as an editor types them (field, operator, value).
"""

from triage import contract, engine
from triage.answer_space import Statement

NG126 = (
    "NICE NG126 Ectopic pregnancy and miscarriage, 1.1 (symptoms and signs of ectopic pregnancy; "
    "refer immediately anyone who is haemodynamically unstable)",
    "https://www.nice.org.uk/guidance/ng126/chapter/Recommendations",
)
BRIEF_SEVERE = ("Content brief, When to worry: 'Severe pain: emergency'", "")
BRIEF_HEAVY = (
    "Content brief, When to worry: pregnant with abnormally heavy bleeding, 'contact them immediately "
    "or go to the nearest emergency department'; NHS: heavy bleeding soaking a pad an hour in pregnancy",
    "https://www.nhs.uk/pregnancy/related-conditions/common-symptoms/vaginal-bleeding/",
)
BRIEF_PREGNANT = (
    "Content brief, When to worry: 'Pregnant, spotting and mild cramps: call the doctor'; "
    "NICE NG126 1.2 (early pregnancy assessment for pain or bleeding)",
    "https://www.nice.org.uk/guidance/ng126/chapter/Recommendations",
)
RCOG_APH = (
    "RCOG Green-top Guideline No. 63, Antepartum haemorrhage (bleeding from 24 weeks: assess in hospital)",
    "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/"
    "antepartum-haemorrhage-green-top-guideline-no-63/",
)
OHSS = (
    "RCOG Green-top Guideline No. 5, The management of ovarian hyperstimulation syndrome "
    "(abdominal pain after fertility treatment: seek assessment)",
    "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/"
    "the-management-of-ovarian-hyperstimulation-syndrome-green-top-guideline-no-5/",
)
CKS_PID = (
    "NICE CKS Pelvic inflammatory disease, Diagnosis (fever with lower abdominal pain; same-day "
    "assessment, admit if severely ill)",
    "https://cks.nice.org.uk/topics/pelvic-inflammatory-disease/diagnosis/",
)
NG12 = (
    "NICE NG12 Suspected cancer, 1.5 Gynaecological cancers (post-menopausal bleeding: refer)",
    "https://www.nice.org.uk/guidance/ng12/chapter/Recommendations-organised-by-site-of-cancer",
)
NG88 = (
    "NHS: Heavy periods, 'Call 111 or see a GP urgently if you are soaking a pad or tampon every hour'",
    "https://www.nhs.uk/conditions/heavy-periods/",
)

SHOULDER_TIP = (
    "NHS: Ectopic pregnancy, Symptoms (shoulder tip pain is a sign that the pregnancy is causing "
    "internal bleeding); NICE NG126 1.2.2 (shoulder tip pain among the symptoms of ectopic pregnancy)",
    "https://www.nhs.uk/conditions/ectopic-pregnancy/symptoms/",
)
NG126_EPAS = (
    "NICE NG126 Ectopic pregnancy and miscarriage, 1.2.5 (refer to an early pregnancy assessment "
    "service with a positive test and pain)",
    "https://www.nice.org.uk/guidance/ng126/chapter/Recommendations",
)
OHSS_SEVERE = (
    "RCOG Green-top Guideline No. 5, The management of ovarian hyperstimulation syndrome, "
    "classification of severity (ascites, passing little urine or breathlessness: severe OHSS, "
    "assess in hospital)",
    OHSS[1],
)
NHS_ECTOPIC_RISK = (
    "NHS: Ectopic pregnancy, Causes (a previous ectopic pregnancy, surgery on the tubes, or a "
    "pregnancy with a coil in place raise the risk)",
    "https://www.nhs.uk/conditions/ectopic-pregnancy/causes/",
)

PREGNANT_OR_MAYBE = "possible,positive_test"

# name, minimum, conditions, (source, url)
STATEMENTS = [
    ("Fainting or dizziness", contract.EMERGENCY, [("dizzy_or_faint", contract.IS_TRUE, "")], NG126),
    ("Severe pain", contract.EMERGENCY, [("pain", contract.EQUALS, "severe")], BRIEF_SEVERE),
    (
        "Heavy bleeding when you could be pregnant",
        contract.EMERGENCY,
        [("pregnancy", contract.IN, PREGNANT_OR_MAYBE), ("bleeding_amount", contract.EQUALS, "heavy")],
        BRIEF_HEAVY,
    ),
    # Contract version 2 splits version 1's "one-sided or shoulder-tip pain when you could be
    # pregnant: emergency" in two: shoulder-tip pain is an emergency whatever the answer about
    # pregnancy; mild one-sided pain in a possible pregnancy is for an early pregnancy service
    # today (NG126 1.2.5), an emergency only with more pain or another red flag.
    ("Shoulder-tip pain", contract.EMERGENCY, [("shoulder_tip_pain", contract.IS_TRUE, "")], SHOULDER_TIP),
    (
        "One-sided pain that gets in the way when you could be pregnant",
        contract.EMERGENCY,
        [
            ("pregnancy", contract.IN, PREGNANT_OR_MAYBE),
            ("one_sided_pain", contract.IS_TRUE, ""),
            ("pain", contract.IN, "moderate,severe"),
        ],
        NG126,
    ),
    (
        "Signs of severe OHSS during fertility treatment",
        contract.EMERGENCY,
        [("fertility_treatment", contract.IS_TRUE, ""), ("ohss_signs", contract.IS_TRUE, "")],
        OHSS_SEVERE,
    ),
    (
        "Bleeding from 24 weeks of pregnancy",
        contract.EMERGENCY,
        [("pregnancy", contract.EQUALS, "positive_test"), ("weeks_pregnant", contract.GTE, "24")],
        RCOG_APH,
    ),
    (
        "Pain during fertility treatment",
        contract.EMERGENCY,
        [("fertility_treatment", contract.IS_TRUE, ""), ("pain", contract.IN, "moderate,severe")],
        OHSS,
    ),
    (
        "Fever with pain",
        contract.URGENT,
        [("fever", contract.IS_TRUE, ""), ("pain", contract.IN, "mild,moderate,severe")],
        CKS_PID,
    ),
    ("Fever", contract.URGENT, [("fever", contract.IS_TRUE, "")], CKS_PID),
    (
        "Bleeding with a positive pregnancy test",
        contract.URGENT,
        [("pregnancy", contract.EQUALS, "positive_test")],
        BRIEF_PREGNANT,
    ),
    (
        "Pain when you could be pregnant",
        contract.URGENT,
        [("pregnancy", contract.IN, PREGNANT_OR_MAYBE), ("pain", contract.IN, "mild,moderate")],
        BRIEF_PREGNANT,
    ),
    ("Heavy bleeding", contract.URGENT, [("bleeding_amount", contract.EQUALS, "heavy")], NG88),
    ("Bleeding after the menopause", contract.APPOINTMENT, [("postmenopausal", contract.IS_TRUE, "")], NG12),
]


def default_floor_data():
    """The default statements as dictionaries, in order (for `install_default_floor`)."""
    return [
        {
            "order": (index + 1) * 10,
            "name": name,
            "minimum": minimum,
            "conditions": [list(condition) for condition in conditions],
            "source_citation": source[0],
            "source_url": source[1],
        }
        for index, (name, minimum, conditions, source) in enumerate(STATEMENTS)
    ]


def statement_from_data(name, minimum, conditions, source="", source_url=""):
    """A floor statement with its conditions checked against the contract (raises ConditionError)."""
    return Statement(
        name=name,
        conditions=tuple(
            engine.validate_condition(engine.Condition(field, operator, value))
            for field, operator, value in conditions
        ),
        minimum=minimum,
        source=source,
        source_url=source_url,
    )


def default_floor():
    """The default floor as engine statements, for code and tests that need no database."""
    return tuple(
        statement_from_data(d["name"], d["minimum"], d["conditions"], d["source_citation"], d["source_url"])
        for d in default_floor_data()
    )
