"""The site's starter content as plain data, and the idempotent loader."""

import datetime

from articles.models import Reference

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
]


def load_starter_content():
    """Create whatever starter content is missing. Returns counts of what was created."""
    created = {}
    for data in REFERENCES:
        _, was_created = Reference.objects.get_or_create(key=data["key"], defaults=data)
        created["references"] = created.get("references", 0) + int(was_created)
    return {kind: count for kind, count in created.items() if count}
