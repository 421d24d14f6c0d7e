"""The default triage rules as plain data, with the source each one comes from.

These are the rules the site starts with. After that, clinical editors own
the rules in the admin; this module is only read by the starter loader, by
`draft_default_triage_rules` and by tests that check the defaults never
under-triage. The reasoning behind each rule is in docs/triage-rules.md.

`VERSION_1_RULES` are the audited defaults for contract version 1, kept as
they were so the release-safety comparison between the two sets of defaults
can be repeated (tests/triage/test_default_rules_v2.py). `RULES` are the
defaults for contract version 2: version 1's rules with the merged pain
question replaced by its two halves, and a rule for each new question.

Thresholds are condition values, so editors can change them in the admin.
"""

from triage import contract, engine

# Each source names the page and the section or recommendation a rule rests on;
# docs/triage-rules.md quotes the passage.
NG126_URL = "https://www.nice.org.uk/guidance/ng126/chapter/Recommendations"
NG126_ASSESS = (
    "NICE NG126 Ectopic pregnancy and miscarriage, recommendations 1.2.1 to 1.2.4 (signs and symptoms "
    "of ectopic pregnancy; refer haemodynamically unstable women, or significant concern about pain "
    "or bleeding, straight to the emergency department)",
    NG126_URL,
)
NG126_EPAS = (
    "NICE NG126 Ectopic pregnancy and miscarriage, recommendation 1.2.5 (refer to an early pregnancy "
    "assessment service with a positive test and pain, or bleeding or other symptoms)",
    NG126_URL,
)
NHS_ECTOPIC = (
    "NHS: Ectopic pregnancy, Symptoms (shoulder tip pain; call 999 or go to A&E with sudden intense "
    "tummy pain, feeling very dizzy or fainting)",
    "https://www.nhs.uk/conditions/ectopic-pregnancy/symptoms/",
)
NHS_PREGNANCY_BLEEDING = (
    "NHS: Vaginal bleeding in pregnancy (call 999 or go to A&E with heavy bleeding, or bleeding with "
    "severe pain or dizziness; contact your GP, midwife or early pregnancy unit about any bleeding)",
    "https://www.nhs.uk/pregnancy/related-conditions/common-symptoms/vaginal-bleeding/",
)
NHSGGC_EPAS = (
    "NHS Greater Glasgow and Clyde Early Pregnancy Assessment Service: Seeking emergency services "
    "(feeling feverish and generally unwell may be an infection)",
    "https://www.nhsggc.org.uk/your-health/health-services/early-pregnancy-assessment-service-epas/"
    "seeking-emergency-services/",
)
NG12 = (
    "NICE NG12 Suspected cancer: recognition and referral, recommendations 1.5.11 and 1.5.12 "
    "(endometrial cancer: post-menopausal bleeding aged 55 and over, and under 55)",
    "https://www.nice.org.uk/guidance/ng12/chapter/Recommendations-organised-by-site-of-cancer"
    "#gynaecological-cancers",
)
NHS_OHSS = (
    "NHS: Ovarian hyperstimulation syndrome (OHSS), Symptoms (get help at once with severe tummy pain); "
    "RCOG Green-top Guideline No. 5, Management of OHSS, section 4 (severity: abdominal pain marks "
    "moderate OHSS, to be assessed)",
    "https://www.nhs.uk/conditions/ovarian-hyperstimulation-syndrome-ohss/",
)
NHS_HEAVY = (
    "NHS: Heavy periods, When to get help (an urgent GP appointment or NHS 111 if you are soaking "
    "through a pad or tampon every 1 to 2 hours)",
    "https://www.nhs.uk/conditions/heavy-periods/",
)
CKS_PID_ADMIT = (
    "NICE CKS Pelvic inflammatory disease, Management (admit or arrange same-day assessment with signs "
    "of severe illness, such as fever with pelvic pain and tenderness)",
    "https://cks.nice.org.uk/topics/pelvic-inflammatory-disease/management/management/",
)
NHS_PID = (
    "NHS: Pelvic inflammatory disease, When to get medical help (see a GP or sexual health clinic "
    "today with pain, fever or unusual discharge; go to A&E with severe pain)",
    "https://www.nhs.uk/conditions/pelvic-inflammatory-disease-pid/",
)
RCOG_APH = (
    "RCOG Green-top Guideline No. 63 Antepartum haemorrhage, section 5 (women with bleeding from "
    "24 weeks should be assessed in hospital)",
    "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/"
    "antepartum-haemorrhage-green-top-guideline-no-63/",
)
HEITMANN = (
    "Heitmann RJ et al. Am J Obstet Gynecol. 2014;211(4):358.e1-6, Results (2 or more days of "
    "premenstrual spotting predicted endometriosis)",
    "https://doi.org/10.1016/j.ajog.2014.04.041",
)
IMB_REFERRAL = (
    "Morgan S, Datta S. Intermenstrual and post-coital bleeding. Obstetrics, Gynaecology and "
    "Reproductive Medicine (case-based learning), Assessment (refer women over 45 with intermenstrual "
    "bleeding, and persistent intermenstrual or post-coital bleeding at any age)",
    "",
)
PCB_PATHWAY = (
    "NHS Hertfordshire and West Essex: Postcoital bleeding in primary care management (all women with "
    "post-coital bleeding: chlamydia test, cervical screening if due, look at the cervix)",
    "https://www.hweclinicalguidance.nhs.uk/clinical-pathways/postcoital-bleeding-in-primary-care-management/",
)
NHS_SCREENING = (
    "NHS: Cervical screening, What happens at your appointment (you may have light bleeding or "
    "spotting after the test)",
    "https://www.nhs.uk/conditions/cervical-screening/what-happens/",
)
NHS_EARLY_SIGNS = (
    "NHS: Signs and symptoms of pregnancy (light spotting around the time the period is due; do a "
    "pregnancy test)",
    "https://www.nhs.uk/pregnancy/trying-for-a-baby/signs-and-symptoms-of-pregnancy/",
)
JABARA = (
    "Jabara S et al. J Exp Clin Assist Reprod. 2009;6:6, Results (bleeding after IVF transfer is common "
    "and does not lower the chance of pregnancy)",
    "",
)

PREGNANT_OR_MAYBE = "possible,positive_test"

# name, disposition, conditions (field, operator, value as an editor types it), message, causes,
# source citation, source URL. A `{field}` in a message shows the value of the rule's condition
# on that field (triage.messages), so a moved threshold moves the number readers see.
VERSION_1_RULES = [
    (
        "Severe pain",
        contract.EMERGENCY,
        [("pain", contract.EQUALS, "severe")],
        "Severe pain with bleeding needs checking straight away. It can be a sign of an ectopic "
        "pregnancy, ovarian hyperstimulation syndrome (OHSS) or a serious pelvic infection.",
        ["ectopic-pregnancy", "ohss", "infection-and-pid"],
        "NICE NG126 Ectopic pregnancy and miscarriage, recommendation 1.2.1 (significant concern about "
        "the degree of pain: straight to the emergency department); NHS: Ectopic pregnancy, Symptoms",
        NG126_ASSESS[1],
    ),
    (
        "Feeling faint or dizzy",
        contract.EMERGENCY,
        [("dizzy_or_faint", contract.IS_TRUE, "")],
        "Feeling faint or dizzy, or fainting, can mean you are losing blood inside your body. "
        "This needs help now.",
        ["ectopic-pregnancy", "early-pregnancy-bleeding"],
        *NHS_ECTOPIC,
    ),
    (
        "Heavy bleeding when you could be pregnant",
        contract.EMERGENCY,
        [("pregnancy", contract.IN, PREGNANT_OR_MAYBE), ("bleeding_amount", contract.EQUALS, "heavy")],
        "Heavy bleeding when you are or might be pregnant needs to be checked now.",
        ["early-pregnancy-bleeding", "ectopic-pregnancy"],
        *NHS_PREGNANCY_BLEEDING,
    ),
    (
        "One-sided or shoulder-tip pain when you could be pregnant",
        contract.EMERGENCY,
        [("pregnancy", contract.IN, PREGNANT_OR_MAYBE), ("one_sided_or_shoulder_pain", contract.IS_TRUE, "")],
        "Pain on one side of your lower tummy, or in the tip of your shoulder, can be a sign of an "
        "ectopic pregnancy. This is when a pregnancy grows outside the womb. It needs checking now.",
        ["ectopic-pregnancy"],
        *NHS_ECTOPIC,
    ),
    (
        "Fever when you could be pregnant",
        contract.EMERGENCY,
        [("pregnancy", contract.IN, PREGNANT_OR_MAYBE), ("fever", contract.IS_TRUE, "")],
        "A fever with bleeding when you are or might be pregnant can be a sign of a serious infection. "
        "It needs checking now.",
        ["early-pregnancy-bleeding", "infection-and-pid"],
        *NHSGGC_EPAS,
    ),
    (
        "Fever with pain",
        contract.EMERGENCY,
        [("fever", contract.IS_TRUE, ""), ("pain", contract.IN, "mild,moderate,severe")],
        "A fever with tummy or pelvic pain can be a sign of a serious infection, such as pelvic "
        "inflammatory disease. It needs checking now.",
        ["infection-and-pid"],
        *CKS_PID_ADMIT,
    ),
    (
        "Pain during fertility treatment (possible OHSS)",
        contract.EMERGENCY,
        [("fertility_treatment", contract.IS_TRUE, ""), ("pain", contract.IN, "moderate,severe")],
        "Tummy pain that gets in the way during fertility treatment can be a sign of ovarian "
        "hyperstimulation syndrome (OHSS). It can become serious quickly, so get checked now.",
        ["ohss", "fertility-drug-side-effects"],
        *NHS_OHSS,
    ),
    (
        "Bleeding later in pregnancy",
        contract.EMERGENCY,
        [("pregnancy", contract.EQUALS, "positive_test"), ("weeks_pregnant", contract.GTE, "24")],
        "Any bleeding from {weeks_pregnant} weeks of pregnancy needs to be checked in hospital straight "
        "away. Go to your maternity unit or the emergency department now.",
        ["early-pregnancy-bleeding"],
        *RCOG_APH,
    ),
    (
        "Bleeding after a positive pregnancy test",
        contract.URGENT,
        [("pregnancy", contract.EQUALS, "positive_test")],
        "Call your doctor or early pregnancy unit today about any bleeding after a positive test. "
        "About half of people who bleed early in pregnancy go on to have a healthy pregnancy, "
        "but your doctor may want a blood test or a scan.",
        ["early-pregnancy-bleeding", "implantation-spotting", "ectopic-pregnancy"],
        "NICE NG126 Ectopic pregnancy and miscarriage, recommendation 1.2.5 (early pregnancy assessment "
        "service); NHS: Vaginal bleeding in pregnancy (contact your GP, midwife or early pregnancy unit)",
        NG126_EPAS[1],
    ),
    (
        "Bleeding like a period when you could be pregnant",
        contract.URGENT,
        [("pregnancy", contract.EQUALS, "possible"), ("bleeding_amount", contract.EQUALS, "period_like")],
        "Bleeding like a period when you might be pregnant can be an early miscarriage. "
        "Do a pregnancy test and talk to a doctor today.",
        ["early-pregnancy-bleeding", "implantation-spotting"],
        *NHS_PREGNANCY_BLEEDING,
    ),
    (
        "Pain when you could be pregnant",
        contract.URGENT,
        [("pregnancy", contract.IN, PREGNANT_OR_MAYBE), ("pain", contract.IN, "mild,moderate")],
        "Mild cramps can be normal in early pregnancy, but pain with bleeding when you might be "
        "pregnant should be checked by a doctor today, to rule out an ectopic pregnancy.",
        ["ectopic-pregnancy", "early-pregnancy-bleeding"],
        *NG126_EPAS,
    ),
    (
        "Moderate pain",
        contract.URGENT,
        [("pain", contract.EQUALS, "moderate")],
        "Bleeding with pain that gets in the way of what you are doing should be checked by a doctor today.",
        ["infection-and-pid", "endometriosis", "fibroids-and-polyps"],
        *NHS_PID,
    ),
    (
        "Heavy bleeding",
        contract.URGENT,
        [("bleeding_amount", contract.EQUALS, "heavy")],
        "Soaking a pad or more an hour, or passing large clots, should be checked by a doctor today. "
        "If you start to feel faint or dizzy, get emergency help.",
        ["fibroids-and-polyps", "hormonal-imbalance"],
        *NHS_HEAVY,
    ),
    (
        "Fever",
        contract.URGENT,
        [("fever", contract.IS_TRUE, "")],
        "A fever with bleeding can be a sign of an infection. Contact a doctor today.",
        ["infection-and-pid"],
        *NHS_PID,
    ),
    (
        "One-sided or shoulder-tip pain",
        contract.URGENT,
        [("one_sided_or_shoulder_pain", contract.IS_TRUE, "")],
        "Pain on one side of your lower tummy, or in the tip of your shoulder, should be checked by a "
        "doctor today. Do a pregnancy test if there is any chance you could be pregnant.",
        ["ectopic-pregnancy", "infection-and-pid"],
        "NICE NG126 Ectopic pregnancy and miscarriage, recommendations 1.2.2 and 1.2.3 (think of ectopic "
        "pregnancy with one-sided pain or shoulder tip pain); NHS: Pelvic inflammatory disease",
        NG126_ASSESS[1],
    ),
    (
        "Bleeding after the menopause, aged 55 or over",
        contract.URGENT,
        [("postmenopausal", contract.IS_TRUE, ""), ("age", contract.GTE, "55")],
        "Bleeding after your periods have stopped for a year needs checking. Contact your doctor today: "
        "at {age} or over they should refer you on the urgent suspected cancer pathway. "
        "Most of the time the cause is not cancer.",
        ["cervical-and-uterine-cancer", "hormonal-imbalance"],
        *NG12,
    ),
    (
        "Bleeding after the menopause, under 55",
        contract.APPOINTMENT,
        [("postmenopausal", contract.IS_TRUE, ""), ("age", contract.LT, "55")],
        "Bleeding after your periods have stopped for a year needs checking. Book an appointment with "
        "your doctor. Most of the time the cause is not cancer.",
        ["cervical-and-uterine-cancer", "hormonal-imbalance"],
        *NG12,
    ),
    (
        "Spotting for 2 or more days before a period",
        contract.APPOINTMENT,
        [("premenstrual_spotting_days", contract.GTE, "2")],
        "Spotting for {premenstrual_spotting_days} or more days before your period starts is linked "
        "with endometriosis, especially if you are trying to get pregnant. Book an appointment with "
        "your doctor.",
        ["endometriosis", "hormonal-imbalance"],
        *HEITMANN,
    ),
    (
        "Bleeding between periods in most cycles",
        contract.APPOINTMENT,
        [("frequency", contract.EQUALS, "most_cycles")],
        "Bleeding between periods that keeps happening should be checked. Common causes are hormone "
        "changes, polyps, fibroids and infection. Rarely it can be cancer. Book an appointment.",
        ["hormonal-imbalance", "fibroids-and-polyps", "infection-and-pid", "cervical-and-uterine-cancer"],
        *IMB_REFERRAL,
    ),
    (
        "Bleeding between periods at 45 or over",
        contract.APPOINTMENT,
        [("age", contract.GTE, "45")],
        "From the age of {age}, bleeding between periods should be checked by a doctor, even the first "
        "time. Most often it is hormone changes or a polyp. Book an appointment.",
        ["hormonal-imbalance", "fibroids-and-polyps", "cervical-and-uterine-cancer"],
        *IMB_REFERRAL,
    ),
    (
        "Bleeding after sex",
        contract.APPOINTMENT,
        [("after_intercourse", contract.IS_TRUE, "")],
        "Bleeding after sex should be checked, even the first time. Your doctor or a sexual health "
        "clinic can look at your cervix and test for infection. Book an appointment.",
        ["sexual-intercourse", "infection-and-pid", "cervical-and-uterine-cancer"],
        *PCB_PATHWAY,
    ),
    (
        "Spotting after a recent procedure",
        contract.SELF_CARE,
        [("recent_procedure", contract.IS_TRUE, "")],
        "Light spotting for a day or two after a smear test, an internal scan, or an IUI or IVF "
        "procedure is common. The cervix can bleed a little when it is touched.",
        ["gynaecological-procedures", "transvaginal-ultrasound", "iui-and-ivf-procedures"],
        *NHS_SCREENING,
    ),
    (
        "You could be pregnant",
        contract.SELF_CARE,
        [("pregnancy", contract.EQUALS, "possible")],
        "Light spotting around the time your period is due can be an early sign of pregnancy. "
        "Do a pregnancy test. If it is positive, call your doctor about the bleeding.",
        ["implantation-spotting", "early-pregnancy-bleeding"],
        *NHS_EARLY_SIGNS,
    ),
    (
        "Spotting during fertility treatment",
        contract.SELF_CARE,
        [("fertility_treatment", contract.IS_TRUE, "")],
        "Spotting is common with fertility drugs, progesterone and IUI or IVF. Tell your fertility "
        "clinic. Call them the same day if pain, bloating or breathlessness get worse.",
        ["fertility-drug-side-effects", "progesterone-suppositories", "iui-and-ivf-procedures"],
        *JABARA,
    ),
]

# Sources of the version 2 rules ---------------------------------------------------------------

NHS_SHOULDER_TIP = (
    "NHS: Ectopic pregnancy, Symptoms (shoulder tip pain, felt where the shoulder ends and the arm "
    "begins, is a sign that the pregnancy is causing internal bleeding); The Ectopic Pregnancy Trust, "
    "Symptoms (shoulder tip pain is caused by internal bleeding irritating the diaphragm)",
    "https://www.nhs.uk/conditions/ectopic-pregnancy/symptoms/",
)
NG126_ONE_SIDED = (
    "NICE NG126 Ectopic pregnancy and miscarriage, recommendations 1.2.1 to 1.2.5 (pain with a "
    "positive test: early pregnancy assessment service; straight to the emergency department if "
    "unstable or with significant concern about the degree of pain or bleeding)",
    NG126_URL,
)
NHS_ECTOPIC_RISK = (
    "NHS: Ectopic pregnancy, Causes (you are more at risk after a previous ectopic pregnancy or "
    "surgery on your fallopian tubes, or if you get pregnant while using a coil, an IUD or IUS); "
    "NICE NG126 recommendation 1.2.5 (early pregnancy assessment service)",
    "https://www.nhs.uk/conditions/ectopic-pregnancy/causes/",
)
RCOG_OHSS_SEVERE = (
    "RCOG Green-top Guideline No. 5, Management of OHSS, classification of severity (fluid in the "
    "tummy, passing little urine or breathlessness mark severe or critical OHSS, assessed in "
    "hospital); NHS: OHSS, Symptoms (get help straight away)",
    "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/"
    "the-management-of-ovarian-hyperstimulation-syndrome-green-top-guideline-no-5/",
)
NHS_OHSS_SIGNS = (
    "NHS: Ovarian hyperstimulation syndrome (OHSS), Symptoms (contact your fertility clinic or get "
    "an urgent GP appointment with a swollen tummy, feeling sick or being sick after fertility "
    "treatment); RCOG Green-top Guideline No. 5, classification of severity",
    "https://www.nhs.uk/conditions/ovarian-hyperstimulation-syndrome-ohss/",
)
CKS_PID_DIAGNOSIS = (
    "NICE CKS Pelvic inflammatory disease, Diagnosis (suspect PID with recent lower abdominal pain "
    "and abnormal vaginal discharge or abnormal bleeding; start treatment without waiting for test "
    "results)",
    "https://cks.nice.org.uk/topics/pelvic-inflammatory-disease/diagnosis/",
)
NHS_DISCHARGE = (
    "NHS: Vaginal discharge, When to get help (see a GP or go to a sexual health clinic if your "
    "discharge changes colour, smell or texture, or comes with bleeding between periods or after sex)",
    "https://www.nhs.uk/conditions/vaginal-discharge/",
)
NG12_TAMOXIFEN = (
    "NICE NG12 Suspected cancer: recognition and referral, recommendations 1.5.11 and 1.5.12 "
    "(post-menopausal bleeding: suspected cancer pathway referral); NHS: Tamoxifen, Side effects "
    "(vaginal bleeding after the menopause can be a sign of womb cancer: contact a doctor)",
    "https://www.nice.org.uk/guidance/ng12/chapter/Recommendations-organised-by-site-of-cancer"
    "#gynaecological-cancers",
)
NHS_TAMOXIFEN = (
    "NHS: Tamoxifen, Side effects (unusual vaginal bleeding or discharge, or changes to your periods, "
    "can be signs of changes to the lining of the womb: tell your doctor)",
    "https://www.nhs.uk/medicines/tamoxifen/side-effects-of-tamoxifen/",
)
FSRH_BLEEDING = (
    "FSRH Clinical Guidance: Problematic bleeding with hormonal contraception (2015), sections 3 and 5 "
    "(unscheduled bleeding is common in the first 3 months of a method; examine and test if it "
    "persists, is new after a settled pattern, or comes with pain or bleeding after sex)",
    "",
)

# The merged version 1 pain rules, replaced in version 2 by rules on its two halves.
_MERGED_PAIN_RULES = {
    "One-sided or shoulder-tip pain when you could be pregnant",
    "One-sided or shoulder-tip pain",
}

_VERSION_2_EMERGENCY = [
    (
        "Shoulder-tip pain",
        contract.EMERGENCY,
        [("shoulder_tip_pain", contract.IS_TRUE, "")],
        "Pain in the tip of your shoulder, with no injury to explain it, can mean bleeding inside your "
        "tummy, for example from an ectopic pregnancy. This needs help now.",
        ["ectopic-pregnancy"],
        *NHS_SHOULDER_TIP,
    ),
    (
        "One-sided pain that gets in the way, when you could be pregnant",
        contract.EMERGENCY,
        [
            ("pregnancy", contract.IN, PREGNANT_OR_MAYBE),
            ("one_sided_pain", contract.IS_TRUE, ""),
            ("pain", contract.IN, "moderate,severe"),
        ],
        "Pain on one side of your lower tummy that gets in the way, when you are or might be pregnant, "
        "can be an ectopic pregnancy. This is when a pregnancy grows outside the womb. Get checked now.",
        ["ectopic-pregnancy"],
        *NG126_ONE_SIDED,
    ),
    (
        "Signs of severe OHSS during fertility treatment",
        contract.EMERGENCY,
        [("fertility_treatment", contract.IS_TRUE, ""), ("ohss_signs", contract.IS_TRUE, "")],
        "A swollen or tight tummy, being sick, feeling short of breath or peeing much less during "
        "fertility treatment can be signs of severe ovarian hyperstimulation syndrome (OHSS). "
        "This needs help now.",
        ["ohss", "fertility-drug-side-effects"],
        *RCOG_OHSS_SEVERE,
    ),
]

_VERSION_2_URGENT = [
    (
        "One-sided pain when you could be pregnant",
        contract.URGENT,
        [("pregnancy", contract.IN, PREGNANT_OR_MAYBE), ("one_sided_pain", contract.IS_TRUE, "")],
        "Pain on one side of your lower tummy when you are or might be pregnant should be checked "
        "today by a doctor or an early pregnancy unit, to rule out an ectopic pregnancy. If the pain "
        "gets worse, or you feel faint or have pain in your shoulder, get emergency help.",
        ["ectopic-pregnancy", "early-pregnancy-bleeding"],
        *NG126_ONE_SIDED,
    ),
    (
        "One-sided pain",
        contract.URGENT,
        [("one_sided_pain", contract.IS_TRUE, "")],
        "Pain on one side of your lower tummy should be checked by a doctor today. Do a pregnancy test "
        "if there is any chance you could be pregnant.",
        ["ectopic-pregnancy", "infection-and-pid"],
        "NICE NG126 Ectopic pregnancy and miscarriage, recommendations 1.2.2 and 1.2.3 (think of ectopic "
        "pregnancy with one-sided pain); NHS: Pelvic inflammatory disease, When to get medical help "
        "(see a GP or sexual health clinic today with pain)",
        NG126_URL,
    ),
    (
        "An ectopic pregnancy or tube surgery before, when you could be pregnant",
        contract.URGENT,
        [("pregnancy", contract.IN, PREGNANT_OR_MAYBE), ("previous_ectopic", contract.IS_TRUE, "")],
        "After an ectopic pregnancy or surgery on your tubes, another pregnancy is more likely to be "
        "ectopic. Contact your doctor or early pregnancy unit today: they may offer an early scan.",
        ["ectopic-pregnancy"],
        *NHS_ECTOPIC_RISK,
    ),
    (
        "A coil in place when you could be pregnant",
        contract.URGENT,
        [("pregnancy", contract.IN, PREGNANT_OR_MAYBE), ("coil_in_place", contract.IS_TRUE, "")],
        "Pregnancy with a coil in place is rare, but when it happens it is more likely to be ectopic. "
        "Do a pregnancy test and contact your doctor or early pregnancy unit today.",
        ["ectopic-pregnancy"],
        *NHS_ECTOPIC_RISK,
    ),
    (
        "Signs of OHSS",
        contract.URGENT,
        [("ohss_signs", contract.IS_TRUE, "")],
        "A swollen tummy, being sick, breathlessness or peeing less after fertility treatment can be "
        "signs of ovarian hyperstimulation syndrome (OHSS). Contact your fertility clinic or a doctor "
        "today. If you are very short of breath or hardly peeing, get emergency help.",
        ["ohss", "fertility-drug-side-effects"],
        *NHS_OHSS_SIGNS,
    ),
    (
        "Unusual discharge with pain",
        contract.URGENT,
        [("unusual_discharge", contract.IS_TRUE, ""), ("pain", contract.IN, "mild,moderate,severe")],
        "Unusual discharge with tummy or pelvic pain can be a sign of an infection such as pelvic "
        "inflammatory disease (PID). It is best treated early, so see a doctor or sexual health clinic "
        "today.",
        ["infection-and-pid"],
        *CKS_PID_DIAGNOSIS,
    ),
    (
        "Unusual discharge with a fever",
        contract.URGENT,
        [("unusual_discharge", contract.IS_TRUE, ""), ("fever", contract.IS_TRUE, "")],
        "Unusual discharge with a fever can be a sign of an infection. Contact a doctor today.",
        ["infection-and-pid"],
        *NHS_PID,
    ),
    (
        "Bleeding after the menopause while taking tamoxifen",
        contract.URGENT,
        [("postmenopausal", contract.IS_TRUE, ""), ("hormone_medicine", contract.EQUALS, "tamoxifen")],
        "Tamoxifen can change the lining of the womb, so bleeding after the menopause while you take it "
        "needs checking quickly. Contact your doctor today: they may refer you on the urgent "
        "suspected cancer pathway. Most of the time the cause is not cancer.",
        ["cervical-and-uterine-cancer", "hormonal-imbalance"],
        *NG12_TAMOXIFEN,
    ),
]

_VERSION_2_APPOINTMENT = [
    (
        "Unusual discharge",
        contract.APPOINTMENT,
        [("unusual_discharge", contract.IS_TRUE, "")],
        "Unusual discharge with bleeding between periods should be checked for infection. Book an "
        "appointment with your doctor or a sexual health clinic.",
        ["infection-and-pid"],
        *NHS_DISCHARGE,
    ),
    (
        "Bleeding while taking tamoxifen",
        contract.APPOINTMENT,
        [("hormone_medicine", contract.EQUALS, "tamoxifen")],
        "Tamoxifen can change the lining of the womb. Tell your doctor about any unusual bleeding "
        "while you take it. Book an appointment.",
        ["cervical-and-uterine-cancer", "hormonal-imbalance"],
        *NHS_TAMOXIFEN,
    ),
]

_VERSION_2_SELF_CARE = [
    (
        "Spotting with hormonal contraception",
        contract.SELF_CARE,
        [("hormone_medicine", contract.EQUALS, "contraception")],
        "Spotting is common in the first three months of the pill, patch, ring, injection, implant or a "
        "hormone coil. If it goes on after that, starts after months without it, or comes after sex, "
        "book an appointment.",
        ["hormonal-imbalance"],
        *FSRH_BLEEDING,
    ),
    (
        "Spotting with a coil in place",
        contract.SELF_CARE,
        [("coil_in_place", contract.IS_TRUE, ""), ("pregnancy", contract.EQUALS, "no")],
        "Spotting is common in the first months after a coil is fitted. If it keeps happening, comes "
        "after sex, or you can feel pain, book an appointment.",
        ["hormonal-imbalance"],
        *FSRH_BLEEDING,
    ),
]


def _version_2_rules():
    """Version 1's rules without the merged pain rules, with the new ones at their level."""
    kept = [rule for rule in VERSION_1_RULES if rule[0] not in _MERGED_PAIN_RULES]
    added = {
        contract.EMERGENCY: _VERSION_2_EMERGENCY,
        contract.URGENT: _VERSION_2_URGENT,
        contract.APPOINTMENT: _VERSION_2_APPOINTMENT,
        contract.SELF_CARE: _VERSION_2_SELF_CARE,
    }
    rules = []
    for disposition in contract.DISPOSITIONS:
        rules += [rule for rule in kept if rule[1] == disposition] + added[disposition]
    return rules


RULES = _version_2_rules()

DEFAULT_CHANGE_NOTE = (
    "Default rules for triage contract version 2, each resting on a named guidance page and passage "
    "(see docs/triage-rules.md)."
)


def default_rule_data(rules=None):
    """The default rules as dictionaries, in order (version 2 unless `rules` says otherwise)."""
    rules = RULES if rules is None else rules
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
        for index, (name, disposition, conditions, message, causes, citation, url) in enumerate(rules)
    ]


def version_1_ruleset(version=1):
    """The version 1 defaults as an engine ruleset: the "before" of the release-safety comparison."""
    return default_ruleset(version, VERSION_1_RULES)


def default_ruleset(version=1, rules=None):
    """The default rules as an engine ruleset, for tests that need no database."""
    rules_out = []
    for index, data in enumerate(default_rule_data(rules)):
        conditions = tuple(
            engine.validate_condition(engine.Condition(field, operator, value))
            for field, operator, value in data["conditions"]
        )
        rules_out.append(
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
    return engine.RuleSet(version=version, rules=tuple(rules_out))
