"""The site's starter content as plain data, and the idempotent loader.

To extend it, add a dict to REFERENCES, TAGS, CAUSES or the flagship's lists
below and run `python manage.py load_starter_content`. Anything that already
exists (matched by citation key, tag slug or content slug) is left exactly as
editors last saved it, so new entries are added and nothing is overwritten.

Bodies and call-outs are Markdown; cite a reference with `[@key]`. The
starter content ships unreviewed: no clinician is named, so every page says
plainly that it has not yet been checked by a clinician, until an approver
publishes it with a real reviewer (`articles.publishing.Review`).
"""

import datetime
import hashlib
import json

from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, ArticleCause, ArticleReference, Cause, CauseReference, Reference, Status
from spotting_site import dispositions

# Unreviewed: no reviewer and no review date, only the date a clinician must have checked it by.
REVIEW = {"next_review_due": datetime.date(2027, 11, 1)}
# Earlier versions shipped this invented reviewer; the loader removes it where it is still shown.
PLACEHOLDER_REVIEWER = "Dr A. Reviewer"
# What the loader changes on existing installs (reported apart from what it creates).
PLACEHOLDER_REMOVED = "pages cleared of the placeholder reviewer"
CORRECTED = "pages updated to the corrected starter text"
CHANGED_KINDS = (PLACEHOLDER_REMOVED, CORRECTED)

REFERENCES = [
    {
        "key": "heitmann2014",
        "authors": "Heitmann RJ, Langan KL, Huang RR, Chow GE, Burney RO",
        "title": (
            "Premenstrual spotting of ≥2 days is strongly associated with histologically "
            "confirmed endometriosis in women with infertility"
        ),
        "container": "Am J Obstet Gynecol",
        "year": 2014,
        "date_detail": "Oct",
        "volume": "211",
        "issue": "4",
        "pages": "358.e1-6",
        "doi": "10.1016/j.ajog.2014.04.041",
    },
    {
        "key": "jabara2009",
        "authors": "Jabara S, Barnhart K, Schertz JC, Patrizio P",
        "title": (
            "Luteal phase bleeding after IVF cycles: comparison between progesterone vaginal gel "
            "and intramuscular progesterone and correlation with pregnancy outcomes"
        ),
        "container": "J Exp Clin Assist Reprod",
        "year": 2009,
        "date_detail": "Oct 20",
        "volume": "6",
        "pages": "6",
    },
    {
        "key": "snell2009",
        "authors": "Snell BJ",
        "title": "Assessment and management of bleeding in the first trimester of pregnancy",
        "container": "J Midwifery Womens Health",
        "year": 2009,
        "date_detail": "Nov-Dec",
        "volume": "54",
        "issue": "6",
        "pages": "483-91",
        "doi": "10.1016/j.jmwh.2009.08.007",
        "pmid": "19879521",
    },
    {
        "key": "medlineplus-bleeding",
        "authors": "",
        "title": "Vaginal bleeding in early pregnancy",
        "container": "MedlinePlus (U.S. National Library of Medicine)",
        "url": "https://medlineplus.gov/ency/patientinstructions/000614.htm",
        "accessed": datetime.date(2026, 11, 1),
    },
    # Guidance behind the triage questions of contract version 2 (docs/triage-rules.md).
    {
        "key": "nice-ng126",
        "authors": "National Institute for Health and Care Excellence",
        "title": "Ectopic pregnancy and miscarriage: diagnosis and initial management (NG126)",
        "container": "NICE guideline",
        "year": 2019,
        "url": "https://www.nice.org.uk/guidance/ng126/chapter/Recommendations",
        "accessed": datetime.date(2026, 12, 1),
    },
    {
        "key": "nhs-ectopic-causes",
        "authors": "",
        "title": "Ectopic pregnancy: causes",
        "container": "NHS",
        "url": "https://www.nhs.uk/conditions/ectopic-pregnancy/causes/",
        "accessed": datetime.date(2026, 12, 1),
    },
    {
        "key": "rcog-gtg5",
        "authors": "Royal College of Obstetricians and Gynaecologists",
        "title": "The management of ovarian hyperstimulation syndrome (Green-top Guideline No. 5)",
        "container": "RCOG",
        "year": 2016,
        "url": "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/"
        "the-management-of-ovarian-hyperstimulation-syndrome-green-top-guideline-no-5/",
        "accessed": datetime.date(2026, 12, 1),
    },
    {
        "key": "nhs-pid",
        "authors": "",
        "title": "Pelvic inflammatory disease",
        "container": "NHS",
        "url": "https://www.nhs.uk/conditions/pelvic-inflammatory-disease-pid/",
        "accessed": datetime.date(2026, 12, 1),
    },
    {
        "key": "nice-ng12",
        "authors": "National Institute for Health and Care Excellence",
        "title": "Suspected cancer: recognition and referral (NG12)",
        "container": "NICE guideline",
        "year": 2015,
        "url": "https://www.nice.org.uk/guidance/ng12/chapter/Recommendations-organised-by-site-of-cancer",
        "accessed": datetime.date(2026, 12, 1),
    },
    {
        "key": "nhs-tamoxifen",
        "authors": "",
        "title": "Side effects of tamoxifen",
        "container": "NHS",
        "url": "https://www.nhs.uk/medicines/tamoxifen/side-effects-of-tamoxifen/",
        "accessed": datetime.date(2026, 12, 1),
    },
]


# Tag slug -> name. Causes are grouped by these on the home page.
TAGS = {
    "emergency": "Emergency",
    "pregnancy": "Pregnancy",
    "fertility-treatment": "Fertility treatment",
    "hormonal": "Hormonal",
    "structural": "Changes in the womb or cervix",
    "procedures": "Tests and procedures",
    "infection": "Infection",
}

CAUSES = [
    {
        "slug": "implantation-spotting",
        "name": "Implantation spotting",
        "urgency_hint": dispositions.SELF_CARE,
        "tags": ["pregnancy"],
        "summary": (
            "Light spotting between ovulation and your expected period. It can be an early sign "
            "of pregnancy, and it is usually harmless."
        ),
        "body": """\
Some people notice a few spots of pink or brown blood about a week before their period is due.
This is often called implantation spotting, because it can happen around the time a fertilised
egg settles into the lining of the womb.

You may read that the embryo "breaks" the lining as it burrows in. There is no proof of this, and
it is unlikely: an embryo at this stage is far too small. A more likely link is that implantation
changes your hormones a little, and that change can cause light spotting.

Implantation spotting is light, short and usually needs no treatment. If you might be pregnant, a
home pregnancy test is most reliable from the first day of your missed period.

If your test is positive, call your doctor about any bleeding. Rarely, a pregnancy grows outside
the womb. This is an [ectopic pregnancy](/causes/ectopic-pregnancy/), and it is an emergency. Its
warning signs are pain on one side of your lower tummy, pain in the tip of your shoulder, and
feeling faint.
""",
        "emergency_advice": (
            "- you are or might be pregnant and have pain on one side of your lower tummy, or pain in "
            "the tip of your shoulder (signs of an [ectopic pregnancy](/causes/ectopic-pregnancy/))\n"
            "- you have severe pain in your tummy or pelvis\n"
            "- the bleeding is heavy: soaking a pad or more an hour, or passing large clots\n"
            "- you feel faint or dizzy, or you have fainted"
        ),
        "urgent_advice": (
            "- you have any bleeding after a positive pregnancy test\n"
            "- the spotting turns into a heavier flow, like a period"
        ),
        "routine_advice": (
            "- keep a note of the days you spot and how much\n"
            "- take a pregnancy test if your period does not come"
        ),
    },
    {
        "slug": "early-pregnancy-bleeding",
        "name": "Bleeding in early pregnancy (threatened or early miscarriage)",
        "urgency_hint": dispositions.URGENT,
        "tags": ["pregnancy", "fertility-treatment"],
        "references": ["snell2009", "medlineplus-bleeding", "jabara2009"],
        "summary": (
            "Bleeding in the first weeks of pregnancy is common and often settles. It can also be "
            "the start of a miscarriage, so always tell your doctor about it."
        ),
        "body": """\
Bleeding in early pregnancy is common. It happens in roughly 15 to 25 out of every 100 pregnancies.
After IVF it is even more common: one study saw bleeding in early pregnancy in about 29 to 36 out
of every 100 treatment cycles [@jabara2009]. In that study, the people who bled before their
pregnancy test were less likely to be pregnant than those who did not bleed. So bleeding after IVF
does not mean the cycle has failed, but it is a reason to call your clinic.

Spotting after a positive test does not mean you are having a miscarriage. About half of the
people who bleed in the first three months go on with their pregnancy [@snell2009]
[@medlineplus-bleeding]. Doctors call bleeding with a closed cervix a "threatened miscarriage".

Call your doctor or early pregnancy unit about any bleeding after a positive test. They may do a
blood test or an ultrasound scan. Some people are given progesterone to support the pregnancy.

Bleeding can also be a sign of an [ectopic pregnancy](/causes/ectopic-pregnancy/): a pregnancy
growing outside the womb. Pain on one side of your lower tummy, pain in the tip of your shoulder,
or feeling faint are warning signs. Get help at once if you have any of them.
""",
        "emergency_advice": (
            "- you have pain on one side of your lower tummy, or in the tip of your shoulder (signs of "
            "an ectopic pregnancy)\n"
            "- you have severe pain in your tummy or pelvis\n"
            "- the bleeding is heavy: soaking a pad or more an hour, or passing large clots\n"
            "- you feel faint or dizzy, or you have fainted"
        ),
        "urgent_advice": (
            "- you have any bleeding after a positive pregnancy test\n"
            "- you have spotting and mild cramps\n"
            "- your bleeding or cramps get worse after you have already spoken to your doctor"
        ),
    },
    {
        "slug": "hormonal-imbalance",
        "name": "Hormonal imbalance",
        "urgency_hint": dispositions.APPOINTMENT,
        "tags": ["hormonal"],
        "references": ["heitmann2014"],
        "summary": (
            "Changes in your hormones can cause spotting. Common reasons are the years before "
            "menopause, thyroid problems and hormonal birth control."
        ),
        "body": """\
Your period is controlled by hormones. When their levels rise and fall in an unusual way, the
lining of the womb can shed a little between periods.

Common reasons include:

- **Perimenopause**: the years before your periods stop, when hormone levels go up and down.
- **Thyroid problems**: an underactive or overactive thyroid gland can upset your cycle.
- **Hormonal birth control**: the pill, patch, implant, injection or hormonal coil can cause
  spotting, most often in the first few months or after missed pills.

Spotting now and then is rarely serious. If it happens often, see a doctor. Spotting for 2 or more
days before your period starts can be a sign of endometriosis in people with fertility problems
[@heitmann2014].
""",
        "soon_advice": (
            "- you spot between periods often, or most months\n"
            "- you spot for 2 or more days before your period starts\n"
            "- you have other signs of a thyroid problem, such as feeling very tired, or a change in weight"
        ),
        "routine_advice": (
            "- if you have just started a new birth control method, spotting often settles within three "
            "months\n"
            "- keep taking your pill as prescribed, and ask your pharmacist if you miss one"
        ),
    },
    {
        "slug": "fibroids-and-polyps",
        "name": "Fibroids and polyps",
        "urgency_hint": dispositions.APPOINTMENT,
        "tags": ["structural"],
        "summary": (
            "Growths in or on the womb or cervix that are not cancer. They can cause spotting or "
            "heavy periods."
        ),
        "body": """\
**Fibroids** are growths made of muscle in or around the womb. **Polyps** are small, soft growths
on the lining of the womb or on the cervix (the neck of the womb). Both are very common, and
almost all are not cancer.

Many people with fibroids or polyps have no symptoms. Others notice spotting between periods,
heavy or long periods, or bleeding after sex.

A doctor can usually find them with an examination or an ultrasound scan. Polyps can often be
removed simply. Fibroids only need treatment if they cause problems.
""",
        "soon_advice": (
            "- you spot between periods often\n"
            "- your periods are heavy, or last longer than before\n"
            "- you bleed after sex"
        ),
    },
    {
        "slug": "fertility-drug-side-effects",
        "name": "Side effects of fertility drugs",
        "urgency_hint": dispositions.SELF_CARE,
        "tags": ["fertility-treatment", "hormonal"],
        "summary": (
            "Many fertility medicines can cause light spotting. Clomiphene (Clomid) lists spotting "
            "as a possible side effect."
        ),
        "body": """\
Fertility medicines change your hormone levels on purpose. That can make the lining of the womb
shed a little at unexpected times.

Clomiphene (often sold as Clomid) is one example. Its leaflet lists spotting as a possible side
effect. Other fertility medicines can do the same, and they can also make your cervix more
tender, so it bleeds more easily when it is touched.

Light spotting on these medicines is usually not a worry. Tell your fertility clinic about it, as
they may want to know where you are in your cycle.
""",
        "emergency_advice": (
            "- you have severe pain or a swollen tummy after taking fertility drugs (this can be ovarian "
            "hyperstimulation syndrome, OHSS)\n"
            "- you feel short of breath or faint"
        ),
        "routine_advice": (
            "- tell your fertility clinic about any spotting at your next contact\n"
            "- read the leaflet that came with your medicine"
        ),
    },
    {
        "slug": "progesterone-suppositories",
        "name": "Progesterone suppositories",
        "urgency_hint": dispositions.URGENT,
        "tags": ["fertility-treatment", "hormonal"],
        "references": ["jabara2009"],
        "summary": (
            "Progesterone put into the vagina, often used after IVF, can cause light spotting. Call "
            "your clinic about any bleeding after a positive pregnancy test."
        ),
        "body": """\
Progesterone is a hormone that helps the lining of the womb support a pregnancy. After IVF, it is
often given as a gel or pessary that you put into your vagina.

It can cause light spotting or a brown discharge. In one study of IVF cycles, people using
progesterone gel in the vagina spotted more than people given progesterone injections into the
muscle, while pregnancy rates with the gel and with the injections were about the same. But people
who bled before their pregnancy test, with either kind of progesterone, were less likely to be
pregnant than people who did not bleed [@jabara2009]. So spotting on progesterone is common and
does not mean treatment has failed, but it is not a sign to ignore either: tell your clinic.

If you could be pregnant, bleeding with pain on one side of your lower tummy or in the tip of your
shoulder can be a sign of an [ectopic pregnancy](/causes/ectopic-pregnancy/), which is an
emergency. See also [bleeding in early pregnancy](/causes/early-pregnancy-bleeding/).
""",
        "emergency_advice": (
            "- you are or might be pregnant and have pain on one side of your lower tummy, or pain in "
            "the tip of your shoulder (signs of an [ectopic pregnancy](/causes/ectopic-pregnancy/))\n"
            "- you have severe pain in your tummy or pelvis\n"
            "- the bleeding is heavy: soaking a pad or more an hour, or passing large clots\n"
            "- you feel faint or dizzy, or you have fainted"
        ),
        "urgent_advice": (
            "- you have any bleeding after a positive pregnancy test\n- you have cramps with the bleeding"
        ),
        "routine_advice": (
            "- keep using your progesterone as prescribed unless your clinic tells you to stop\n"
            "- mention any spotting to your clinic"
        ),
    },
    {
        "slug": "gynaecological-procedures",
        "name": "Gynaecological procedures, such as a smear test",
        "urgency_hint": dispositions.SELF_CARE,
        "tags": ["procedures"],
        "summary": (
            "A smear test (Pap smear) or other examination of the cervix can cause light spotting "
            "for a day or two."
        ),
        "body": """\
The cervix has many small blood vessels close to the surface. During a smear test (also called a
Pap smear or cervical screening), a small brush collects cells from it. This can cause a little
bleeding afterwards.

Other checks, such as an internal examination or a coil being fitted, can do the same. Spotting
usually stops within a day or two.
""",
        "soon_advice": "- the spotting lasts more than a few days, or keeps coming back",
        "routine_advice": "- light spotting for a day or two after a procedure is normal",
    },
    {
        "slug": "iui-and-ivf-procedures",
        "name": "IUI and IVF procedures",
        "urgency_hint": dispositions.SELF_CARE,
        "tags": ["fertility-treatment", "procedures"],
        "summary": (
            "Spotting is common after intrauterine insemination (IUI), egg collection or embryo "
            "transfer, because instruments pass through the cervix."
        ),
        "body": """\
During IUI and embryo transfer, a thin tube passes through your cervix into the womb. For egg
collection, a needle passes through the wall of the vagina. Each of these can cause a little
bleeding.

People having fertility treatment, especially IUI and IVF, are more likely to spot than others.
Spotting in the day or two after a procedure is usually nothing to worry about.

After treatment, two problems need help at once. Severe pain, a swollen tummy or trouble breathing
can be [ovarian hyperstimulation syndrome (OHSS)](/causes/ohss/). Once you could be pregnant, pain
on one side of your lower tummy or in the tip of your shoulder can be an
[ectopic pregnancy](/causes/ectopic-pregnancy/).
""",
        "emergency_advice": (
            "- you have severe pain, a swollen tummy or trouble breathing after treatment (signs of OHSS)\n"
            "- you could be pregnant and have pain on one side of your lower tummy, or pain in the tip "
            "of your shoulder (signs of an ectopic pregnancy)\n"
            "- the bleeding is heavy: soaking a pad or more an hour, or passing large clots\n"
            "- you feel faint or dizzy"
        ),
        "urgent_advice": (
            "- you have any bleeding after a positive pregnancy test\n"
            "- the bleeding is heavier than a light period"
        ),
        "routine_advice": "- tell your clinic about any spotting; they may want to see you sooner",
    },
    {
        "slug": "transvaginal-ultrasound",
        "name": "Transvaginal ultrasound",
        "urgency_hint": dispositions.SELF_CARE,
        "tags": ["procedures", "fertility-treatment"],
        "summary": (
            "An internal ultrasound scan can touch the cervix and cause light spotting, especially "
            "if fertility drugs or progesterone have made it more sensitive."
        ),
        "body": """\
In a transvaginal ultrasound, a slim probe is placed in the vagina to look at the womb and
ovaries. The probe can touch the cervix. That can cause light spotting afterwards.

If you take fertility drugs or progesterone, your cervix may be more sensitive than usual. This
makes spotting after a scan more likely. It is not harmful and usually stops within a day.

Many of these scans are done in early pregnancy. Spotting from the scan is light and brief. If
you are pregnant, call your doctor about any other bleeding, and get help at once for pain on one
side of your lower tummy or in the tip of your shoulder: these can be signs of an
[ectopic pregnancy](/causes/ectopic-pregnancy/).
""",
        "emergency_advice": (
            "- you are or might be pregnant and have pain on one side of your lower tummy, or pain in "
            "the tip of your shoulder (signs of an [ectopic pregnancy](/causes/ectopic-pregnancy/))\n"
            "- you have severe pain in your tummy or pelvis\n"
            "- the bleeding is heavy: soaking a pad or more an hour, or passing large clots\n"
            "- you feel faint or dizzy, or you have fainted"
        ),
        "urgent_advice": (
            "- you are pregnant and the bleeding is more than light spotting, or lasts more than a day"
        ),
        "routine_advice": "- light spotting for up to a day after a scan is common and settles by itself",
    },
    {
        "slug": "sexual-intercourse",
        "name": "Sexual intercourse",
        "urgency_hint": dispositions.SELF_CARE,
        "tags": ["structural", "fertility-treatment"],
        "summary": (
            "The cervix can bleed a little when it is touched during sex. This is more likely if "
            "you take fertility drugs."
        ),
        "body": """\
Light bleeding after sex is often caused by the cervix being touched. The cervix can be more
tender if you are pregnant, or if you take fertility drugs or progesterone.

If it happens once and stops, it is usually nothing to worry about. If you often bleed after sex,
see a doctor. It can be caused by an infection, a polyp or, rarely, changes in the cervix that
need checking.
""",
        "soon_advice": (
            "- you often bleed after sex\n"
            "- you also have pain during sex, or an unusual discharge\n"
            "- you are not up to date with your cervical screening"
        ),
        "routine_advice": "- a single episode of light spotting after sex usually needs no treatment",
    },
    {
        "slug": "endometriosis",
        "name": "Endometriosis",
        "urgency_hint": dispositions.APPOINTMENT,
        "tags": ["structural", "hormonal"],
        "references": ["heitmann2014"],
        "summary": (
            "Tissue like the lining of the womb grows outside it. Spotting for 2 or more days "
            "before a period is strongly linked to endometriosis in people with fertility problems."
        ),
        "body": """\
In endometriosis, tissue similar to the lining of the womb grows in other places, such as on the
ovaries or inside the pelvis. It can cause painful periods, pain during sex, and problems getting
pregnant.

Spotting before your period can be a clue. In a study of people with fertility problems, spotting
for 2 or more days before a period started was strongly linked to endometriosis that was later
confirmed [@heitmann2014].

Endometriosis is common and can be treated. A doctor will ask about your symptoms and may refer
you to a specialist.
""",
        "soon_advice": (
            "- you spot for 2 or more days before your period starts\n"
            "- your periods are very painful, or you have pelvic pain at other times\n"
            "- you have been trying to get pregnant for a year without success (or 6 months if you are "
            "over 35)"
        ),
    },
    {
        "slug": "infection-and-pid",
        "name": "Infection and pelvic inflammatory disease (PID)",
        "urgency_hint": dispositions.URGENT,
        "tags": ["infection"],
        "references": ["nhs-pid"],
        "summary": (
            "Infections of the cervix or womb can cause spotting. Pelvic inflammatory disease (PID) "
            "with severe pain needs urgent care."
        ),
        "body": """\
Some infections, including sexually transmitted infections such as chlamydia and gonorrhoea, can
inflame the cervix. An inflamed cervix bleeds more easily, for example after sex.

If an infection spreads to the womb, fallopian tubes or ovaries, it is called pelvic inflammatory
disease (PID). Signs include pain low in the tummy, a fever, an unusual discharge and bleeding
between periods. Sudden, severe PID is an emergency.

PID is treated with antibiotics. Treating it early lowers the risk of problems getting pregnant
later, so do not wait for a routine appointment if you have its signs: an unusual discharge with
tummy pain or a fever should be checked the same day [@nhs-pid]. Severe pain with bleeding can
also be an [ectopic pregnancy](/causes/ectopic-pregnancy/) if you could be pregnant.
""",
        "emergency_advice": (
            "- you have severe pain in your lower tummy\n"
            "- you have a high temperature (38 C or more) and feel very unwell"
        ),
        "urgent_advice": (
            "- you have pain low in your tummy with bleeding between periods, an unusual discharge or "
            "a fever: call your doctor or a sexual health clinic today"
        ),
        "soon_advice": (
            "- you have an unusual discharge, pain when you pee, or pain during sex\n"
            "- you think you may have caught a sexually transmitted infection"
        ),
    },
    {
        "slug": "ectopic-pregnancy",
        "name": "Ectopic pregnancy",
        "urgency_hint": dispositions.EMERGENCY,
        "tags": ["emergency", "pregnancy"],
        "references": ["nice-ng126", "nhs-ectopic-causes"],
        "summary": (
            "A pregnancy growing outside the womb, usually in a fallopian tube. Bleeding with severe "
            "or one-sided pain can be a sign. It is a medical emergency."
        ),
        "body": """\
In an ectopic pregnancy, the fertilised egg settles outside the womb, most often in a fallopian
tube. It cannot grow into a baby there, and it can make the tube burst, causing dangerous
bleeding inside your body.

Signs usually start between weeks 4 and 12 of pregnancy. They include spotting or bleeding, pain
on one side of your lower tummy, pain in the tip of your shoulder, and feeling faint or dizzy.

An ectopic pregnancy is more likely if you had one before, if you had an operation on your
fallopian tubes, or if you get pregnant with a coil in place [@nhs-ectopic-causes]. If any of
these apply and you might be pregnant, contact your doctor or early pregnancy unit the same day,
even without pain: they may offer you an early scan. Mild pain on one side with a possible
pregnancy also needs checking that day by an early pregnancy service [@nice-ng126].

Treatment may be medicine or an operation. Getting help quickly keeps you safe.
""",
        "emergency_advice": (
            "- you are or might be pregnant and have severe pain, or pain on one side of your lower tummy "
            "that gets in the way of what you are doing\n"
            "- you have pain in the tip of your shoulder\n"
            "- you feel faint or dizzy, or have fainted"
        ),
        "urgent_advice": (
            "- you are or might be pregnant and have any bleeding with mild pain, or mild pain on one side\n"
            "- you might be pregnant and had an ectopic pregnancy or tube surgery before, or have a coil"
        ),
    },
    {
        "slug": "ohss",
        "name": "Ovarian hyperstimulation syndrome (OHSS)",
        "urgency_hint": dispositions.EMERGENCY,
        "tags": ["emergency", "fertility-treatment"],
        "references": ["rcog-gtg5"],
        "summary": (
            "A reaction to fertility drugs that makes the ovaries swell. Bleeding with severe pain "
            "after fertility treatment needs emergency care."
        ),
        "body": """\
Fertility drugs make the ovaries produce several eggs at once. Sometimes the ovaries react too
strongly. They swell, and fluid can leak into the tummy. This is called ovarian hyperstimulation
syndrome, or OHSS.

Mild OHSS causes bloating and discomfort and settles by itself. Severe OHSS is rare but serious.
Signs include severe tummy pain, a quickly swelling tummy, being sick, passing little urine and
shortness of breath.

OHSS usually starts within a week or so of egg collection, or later if you become pregnant.
A swollen or tight tummy, being sick, breathlessness or passing little urine are warning signs of
severe OHSS, which is checked in hospital [@rcog-gtg5].
""",
        "emergency_advice": (
            "- you have severe pain or a swollen or tight tummy after fertility treatment\n"
            "- you are being sick, short of breath, or passing very little urine\n"
            "- you feel faint or dizzy"
        ),
        "urgent_advice": "- you feel bloated and sore after egg collection: call your fertility clinic",
    },
    {
        "slug": "cervical-and-uterine-cancer",
        "name": "Cancer of the cervix or womb (rare)",
        "urgency_hint": dispositions.APPOINTMENT,
        "tags": ["structural"],
        "references": ["nice-ng12", "nhs-tamoxifen"],
        "summary": (
            "Rarely, spotting is a sign of cancer of the cervix or womb. Bleeding after the menopause "
            "always needs checking."
        ),
        "body": """\
Most spotting is not caused by cancer. Rarely, though, bleeding between periods, after sex or
after the menopause is an early sign of cancer of the cervix or of the womb (uterus). Found
early, these cancers can often be treated well.

Cervical screening (smear tests) finds changes in the cervix before they become cancer. Go to
your screening appointments when you are invited.

**Bleeding after the menopause** means any bleeding once your periods have stopped for 12 months
or more. Always see a doctor about it. In the UK, NICE guideline NG12 says that people aged 55 or
over with bleeding after the menopause should be referred urgently on a suspected cancer pathway
(often called the two-week wait) [@nice-ng12].

**Tamoxifen and HRT.** Tamoxifen, a medicine for breast cancer, can change the lining of the womb
and makes womb cancer a little more likely. If you take it, tell your doctor about any unusual
bleeding, and contact them the same day about bleeding after the menopause [@nhs-tamoxifen].
On HRT, some irregular bleeding is common in the first months; bleeding that goes on after that,
or starts later, should be checked.
""",
        "urgent_advice": "- you take tamoxifen and have bleeding after the menopause",
        "soon_advice": (
            "- you have any bleeding after the menopause\n"
            "- you take tamoxifen and have any unusual bleeding\n"
            "- you often bleed between periods or after sex\n"
            "- you have an unusual discharge, or pain in your pelvis that does not go away"
        ),
        "routine_advice": "- go to your cervical screening appointments when you are invited",
    },
]

FLAGSHIP = {
    "slug": "spotting-between-periods",
    "title": "Spotting between periods: 10 common reasons and when to worry",
    "is_flagship": True,
    "tags": ["pregnancy", "fertility-treatment", "hormonal", "emergency"],
    "causes": [cause["slug"] for cause in CAUSES],
    "references": ["jabara2009", "snell2009", "medlineplus-bleeding", "heitmann2014"],
    "standfirst": (
        "Spotting is light bleeding outside your normal period. It is often harmless, it can be an "
        "early sign of pregnancy, and sometimes it is a reason to see a doctor. Here is how to tell "
        "the difference."
    ),
    "body": """\
## What is spotting?

Spotting means a few drops or a light smear of blood when you are not having your period. You
might see it on your underwear or when you wipe. It is often pink, red or brown.

Spotting can be harmless. It can be one of the first signs of pregnancy. Sometimes it is a sign
that you should see a doctor. If you are having fertility treatment, especially IUI or IVF, you
are more likely to spot than other people.

## Implantation spotting

Light spotting between ovulation and the day your period is due is often called implantation
spotting. The popular idea is that the embryo disturbs the lining of the womb as it settles in.
There is no proof of this, and it is unlikely, because the embryo is so tiny. It is more likely
that implantation changes your hormones a little, and that causes the spotting.
[Read more about implantation spotting](/causes/implantation-spotting/).

## Spotting in early pregnancy

Bleeding in early pregnancy is common. It happens in roughly 15 to 25 out of every 100
pregnancies.

After IVF it is even more common. One study found bleeding in early pregnancy in about 29 to 36
out of every 100 IVF cycles [@jabara2009]. In that study, people who used progesterone gel in the
vagina spotted more than people who had progesterone injections, while pregnancy rates with the
gel and with the injections were about the same. But people who bled before their pregnancy
test, with either kind of progesterone, were less likely to be pregnant than people who did not
bleed [@jabara2009]. So spotting after IVF is common and does not mean the cycle has failed, but it
is not a neutral sign either: tell your clinic about it.

## Spotting and early miscarriage

Spotting after a positive pregnancy test does not mean you are having a miscarriage. About half
of the people who bleed in the first three months of pregnancy go on with their pregnancy
[@snell2009] [@medlineplus-bleeding].

Always call your doctor about any bleeding after a positive test. They may want a blood test or
an ultrasound scan, or they may give you progesterone to support the pregnancy. If the bleeding
gets worse, or you start to have cramps or pain, call them again.

## 10 common reasons for spotting

1. [Implantation spotting](/causes/implantation-spotting/), which can be an early sign of
   pregnancy.
2. [Bleeding in early pregnancy](/causes/early-pregnancy-bleeding/), including a threatened or
   early miscarriage.
3. [Hormonal imbalance](/causes/hormonal-imbalance/), for example around the menopause, with a
   thyroid problem, or on hormonal birth control.
4. [Fibroids and polyps](/causes/fibroids-and-polyps/) in the womb or on the cervix.
5. [Side effects of fertility drugs](/causes/fertility-drug-side-effects/): clomiphene (Clomid)
   lists spotting as a side effect.
6. [Progesterone suppositories](/causes/progesterone-suppositories/).
7. [Gynaecological procedures](/causes/gynaecological-procedures/), such as a smear test.
8. [IUI and IVF procedures](/causes/iui-and-ivf-procedures/).
9. [Transvaginal ultrasound](/causes/transvaginal-ultrasound/): the probe can touch the cervix,
   and fertility drugs or progesterone can make the cervix more sensitive.
10. [Sexual intercourse](/causes/sexual-intercourse/): the cervix can bleed when it is touched,
    and this is more likely if you take fertility drugs.

## When to worry

**You spot often, or in the days before your period.** See a doctor. In people with fertility
problems, spotting for 2 or more days before a period starts is strongly linked to
[endometriosis](/causes/endometriosis/) [@heitmann2014]. Spotting can also be a sign of an
[infection](/causes/infection-and-pid/), a hormonal imbalance, fibroids and, rarely,
[cancer](/causes/cervical-and-uterine-cancer/).

**You are pregnant and the bleeding gets heavier.** If the flow is like a period, or your spotting
turns into a heavier flow, contact your doctor today. If the bleeding is heavy, meaning you soak a
pad or more an hour or pass large clots, go to the nearest emergency department now.

**You have bleeding with pelvic pain or cramps.** Mild cramps can be normal in early pregnancy.
Severe cramps are not. If you are pregnant and have spotting with mild cramps, call your doctor.

**You have severe pain.** This is an emergency. Bleeding with severe pain can be a sign of an
[ectopic pregnancy](/causes/ectopic-pregnancy/), of
[ovarian hyperstimulation syndrome (OHSS)](/causes/ohss/) after fertility drugs, or of sudden
pelvic inflammatory disease (PID). Pain on one side of your lower tummy or in the tip of your
shoulder can mean an ectopic pregnancy. A swollen tummy or trouble breathing after fertility
treatment can mean OHSS. A high temperature with pain low in your tummy can mean PID.
""",
    "emergency_advice": (
        "- you have severe pain in your tummy or pelvis\n"
        "- you are pregnant and the bleeding is heavy: soaking a pad or more an hour, or passing "
        "large clots\n"
        "- you have pain in the tip of your shoulder\n"
        "- you could be pregnant and have pain on one side of your lower tummy that gets in the way\n"
        "- you are having fertility treatment and have a swollen or tight tummy, are being sick, are "
        "short of breath or are passing little urine\n"
        "- you feel faint or dizzy, or have fainted"
    ),
    "urgent_advice": (
        "- you have any bleeding after a positive pregnancy test\n"
        "- you are pregnant and the bleeding is like a period, or getting heavier\n"
        "- you are pregnant and have spotting with mild cramps, or mild pain on one side\n"
        "- you could be pregnant and had an [ectopic pregnancy](/causes/ectopic-pregnancy/) or tube "
        "surgery before, or have a coil\n"
        "- you have an unusual discharge with tummy pain or a fever\n"
        "- you take tamoxifen and bleed after the menopause"
    ),
    "soon_advice": (
        "- you often spot between periods\n"
        "- you spot for 2 or more days before your period starts [@heitmann2014]\n"
        "- you bleed after sex more than once\n"
        "- you have any bleeding after the menopause"
    ),
    "routine_advice": (
        "- light spotting once, or after a smear test, scan or sex, is usually harmless\n"
        "- keep a diary of when you spot, how much, and any pain: it helps your doctor"
    ),
}


# The fields the starter content ships for each page; a page whose values still equal a version
# we shipped has not been changed by editors, so a corrected version may replace it.
CAUSE_TEXT_FIELDS = (
    "name",
    "summary",
    "urgency_hint",
    "body",
    "emergency_advice",
    "urgent_advice",
    "soon_advice",
    "routine_advice",
)
ARTICLE_TEXT_FIELDS = (
    "title",
    "standfirst",
    "body",
    "emergency_advice",
    "urgent_advice",
    "soon_advice",
    "routine_advice",
)


def fingerprint(values, fields):
    """A short digest of a page's shipped fields (a dict, or a saved page's attributes)."""
    get = values.get if isinstance(values, dict) else lambda name, default="": getattr(values, name, default)
    text = json.dumps([get(name, "") or "" for name in fields], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# Fingerprints of the starter text of every earlier release, per page. A page still
# holding one of them was never changed by editors, so the loader may bring it up to
# date; any other text is an editor's and is kept. Add the current fingerprint here
# (see `fingerprint`) whenever a release changes the starter text.
SHIPPED_VERSIONS = {
    # Release 1 (before issue 18's corrections).
    ("cause", "implantation-spotting"): ("9be4abe1d96ef247",),
    ("cause", "early-pregnancy-bleeding"): ("d983410eb29e233f",),
    ("cause", "hormonal-imbalance"): ("263a1133db0d6243",),
    ("cause", "fibroids-and-polyps"): ("cb283c0cf888dd57",),
    ("cause", "fertility-drug-side-effects"): ("d602275d7378a109",),
    ("cause", "progesterone-suppositories"): ("1ba17121d337fcb1",),
    ("cause", "gynaecological-procedures"): ("299cd021b763a413",),
    ("cause", "iui-and-ivf-procedures"): ("967ddf5b9366ca71",),
    ("cause", "transvaginal-ultrasound"): ("693c53ce8cac55d0",),
    ("cause", "sexual-intercourse"): ("3612db5d5163645c",),
    ("cause", "endometriosis"): ("948e7b50d8d77f11",),
    ("cause", "infection-and-pid"): ("691846e703bd7340",),
    ("cause", "ectopic-pregnancy"): ("3f2d96258cd7439a",),
    ("cause", "ohss"): ("115880398cfd90f5",),
    ("cause", "cervical-and-uterine-cancer"): ("d0288a8b6e1fd336",),
    ("article", "spotting-between-periods"): ("d5bf80885b34097b",),
}


def _now():
    return timezone.now()


def _ensure_tags():
    created = 0
    for slug, name in TAGS.items():
        _, was_created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        created += int(was_created)
    return created


def _tags(slugs):
    return list(Tag.objects.filter(slug__in=slugs))


def _create_cause(data, position):
    fields = {key: value for key, value in data.items() if key not in ("tags", "references")}
    cause = Cause(**fields, **REVIEW, position=position, status=Status.PUBLISHED, published_at=_now())
    cause.save()
    cause.tags.set(_tags(data.get("tags", [])))
    references = {ref.key: ref for ref in Reference.objects.filter(key__in=data.get("references", []))}
    CauseReference.objects.bulk_create(
        CauseReference(cause=cause, reference=references[key], order=order)
        for order, key in enumerate(data.get("references", []))
    )
    return cause


def _create_article(data):
    skip = ("tags", "references", "causes")
    fields = {key: value for key, value in data.items() if key not in skip}
    article = Article(**fields, **REVIEW, status=Status.PUBLISHED, published_at=_now())
    article.save()
    article.tags.set(_tags(data["tags"]))
    causes = {
        cause.slug: cause for cause in Cause.objects.without_revisions().filter(slug__in=data["causes"])
    }
    ArticleCause.objects.bulk_create(
        ArticleCause(article=article, cause=causes[slug], order=order)
        for order, slug in enumerate(data["causes"])
        if slug in causes
    )
    references = {ref.key: ref for ref in Reference.objects.filter(key__in=data["references"])}
    ArticleReference.objects.bulk_create(
        ArticleReference(article=article, reference=references[key], order=order)
        for order, key in enumerate(data["references"])
    )
    return article


def _shipped_pages():
    yield Article, "article", FLAGSHIP, ARTICLE_TEXT_FIELDS
    for data in CAUSES:
        yield Cause, "cause", data, CAUSE_TEXT_FIELDS


def update_unchanged_pages():
    """Bring pages editors never changed up to the current starter text. Returns how many.

    A page is updated only when its live text is exactly a version an earlier
    release shipped (SHIPPED_VERSIONS) and it has no draft revision in
    progress; anything else is an editor's work and is left alone.
    """
    updated = 0
    for model, kind, data, fields in _shipped_pages():
        page = model.objects.without_revisions().filter(slug=data["slug"]).first()
        if page is None:
            continue
        current = fingerprint(page, fields)
        if current == fingerprint(data, fields):
            continue
        earlier = SHIPPED_VERSIONS.get((kind, data["slug"]), ())
        if current not in earlier or model._default_manager.filter(draft_of=page).exists():
            continue
        for name in fields:
            setattr(page, name, data.get(name, ""))
        page._change_reason = "Starter content corrected (issue 18); editors had not changed this page."
        page.save()
        updated += 1
    return updated


def remove_placeholder_reviewer():
    """Clear the invented reviewer earlier versions shipped, wherever it is still shown. Returns a count.

    Never a real person, so removing it overwrites no editor's work; pages where
    an approver has recorded a real reviewer are left alone.
    """
    removed = 0
    for model in (Article, Cause):
        for page in model._default_manager.filter(reviewer_name=PLACEHOLDER_REVIEWER):
            page.reviewer_name = page.reviewer_role = page.reviewer_registration = ""
            page.last_reviewed = None
            page._change_reason = "Placeholder reviewer removed: no clinician has reviewed this page yet."
            page.save()
            removed += 1
    return removed


def load_starter_content():
    """Create whatever starter content is missing. Returns counts of what was created (or changed)."""
    created = {"references": 0, "tags": 0, "causes": 0, "articles": 0}
    for data in REFERENCES:
        if not Reference.objects.filter(key=data["key"]).exists():
            Reference(**data).save()
            created["references"] += 1
    created["tags"] = _ensure_tags()
    existing_causes = set(Cause.objects.without_revisions().values_list("slug", flat=True))
    for position, data in enumerate(CAUSES, start=1):
        if data["slug"] not in existing_causes:
            _create_cause(data, position)
            created["causes"] += 1
    if not Article.objects.without_revisions().filter(slug=FLAGSHIP["slug"]).exists():
        _create_article(FLAGSHIP)
        created["articles"] += 1
    created[CORRECTED] = update_unchanged_pages()
    created[PLACEHOLDER_REMOVED] = remove_placeholder_reviewer()
    return {kind: count for kind, count in created.items() if count}
