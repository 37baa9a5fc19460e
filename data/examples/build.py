"""Build ``incidents_2023_truffle.csv``, the bundled example incident table (deterministic).

The facts (date, place as reported, event type, fatalities, source) are listed below, written
in our own words from the reports named in ``README.md``. Coordinates are never typed in: each
place is resolved with the bundled gazetteer (which also gives ``name`` and ``name_ar``), and ``precision`` is the gazetteer's, raised to 2
when the report only says "near", "outskirts" or "countryside of" the place.

Usage::

    python data/examples/build.py
"""
from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "incidents_2023_truffle.csv"
COLUMNS = ["date", "place", "name", "name_ar", "lat", "lon", "precision", "event_type", "fatalities",
           "description", "source_url"]

# (date, place as reported, gazetteer query, country hint, near?, event type, fatalities,
#  description, source url)
FACTS = [
    ("2022-01-20", "Ghwayran (al-Sina'a) prison, al-Hasakah", "Hasakah", "SY", False, "attack", 332,
     "IS fighters stormed the SDF-run prison to free detainees; ten days of fighting. SOHR's "
     "count by 29 January: 246 IS members, 79 Kurdish-led forces, 7 civilians.",
     "https://thecradle.co/article-view/6423"),
    ("2022-02-03", "Atmeh, Idlib", "Atmeh", "SY", False, "raid", 13,
     "US special forces raid on the house of IS leader Abu Ibrahim al-Hashimi al-Qurashi, who "
     "died in it; rescuers counted 13 dead, six of them children.",
     "https://newsaboutturkey.com/2022/02/04/us-raid-on-idlib-kills-13-including-six-children/"),
    ("2022-07-20", "Parakh resort, Zakho district", "Zakho", "IQ", True, "shelling", 9,
     "Artillery shells hit a summer resort crowded with tourists from central and southern Iraq; "
     "Iraqi and Kurdish officials blamed Turkey, which denied it. 23 wounded.",
     "https://rudaw.net/english/kurdistan/23072022"),
    ("2022-07-20", "Salah al-Din governorate", "Salah al-Din Governorate", "IQ", False, "attack", 6,
     "IS gunmen attacked federal police units overnight; six police killed, five wounded.",
     "https://hirado.hu/kulfold/cikk/2022/07/20/eszak-irakban-torok-raketacsapasokban-tobben-meghaltak"),
    ("2022-09-28", "Koya (Koysinjaq), Erbil", "Koysinjaq", "IQ", False, "air or drone strike", 13,
     "Iran's Revolutionary Guards struck Iranian-Kurdish opposition bases with missiles and "
     "drones; a school was hit. At least 13 dead on the day, 18 by 4 October.",
     "https://iiab.me/kiwix/content/wikipedia_en_all_maxi_2023-10/A/September-October_2022_attacks_on_Iraqi_Kurdistan"),
    ("2022-11-14", "outside Koya, Erbil", "Koysinjaq", "IQ", True, "air or drone strike", 2,
     "Second wave of Guards missile and drone strikes on the KDPI base outside Koya and Komala "
     "bases near Sulaimani; two KDPI fighters killed.",
     "https://rudaw.net/english/kurdistan/141120221-amp"),
    ("2022-12-18", "near Chalal al-Matar, south of Kirkuk", "Kirkuk", "IQ", True, "attack", 9,
     "A roadside bomb hit a federal police truck and gunmen then opened fire; at least nine "
     "police killed (other counts: 7 to 12).",
     "https://www.kurdistan24.net/en/story/30238-Top-defense-delegation-arrives-in-Kirkuk-after-deadly-ISIS-attack"),
    ("2023-02-11", "Homs desert", "Homs Governorate", "SY", False, "attack", 16,
     "Attack on a group of truffle foragers in the eastern Homs desert; 16 killed, mostly "
     "civilians (SOHR).",
     "https://feeds.bbci.co.uk/news/world-middle-east-64680539"),
    ("2023-02-17", "al-Sukhnah, east of Homs", "Sukhna", "SY", True, "attack", 53,
     "Gunmen on motorcycles shot truffle hunters south-west of al-Sukhnah and burned their cars; "
     "46 civilians and 7 soldiers dead per Palmyra hospital (SOHR later: 68). Blamed on IS.",
     "https://feeds.bbci.co.uk/news/world-middle-east-64680539"),
    ("2023-02-28", "eastern countryside of Salamiyah, Hama", "Salamiyah", "SY", True, "landmine", 10,
     "Two mine blasts among truffle hunters east of Salamiyah: nine dead in the first, one in the "
     "second, eleven wounded. State media blamed mines left by IS.",
     "https://www.thenationalnews.com/mena/syria/2023/02/28/truffle-hunters-killed-by-isis-landmines-in-syria/"),
    ("2023-03-08", "Deir ez-Zor city", "Deir ez-Zor", "SY", False, "air or drone strike", 4,
     "Drone strike in the government-held city; four killed.",
     "https://telanganatribune.com/us-airstrikes-in-syria-result-in-11-fatalities-including-american-contractor-killed-by-drone-strike/?amp=1"),
    ("2023-03-23", "coalition base near al-Hasakah", "Hasakah", "SY", True, "air or drone strike", 1,
     "A one-way attack drone the Pentagon called Iranian-made hit a maintenance site on a "
     "coalition base; one US contractor killed, five soldiers and a contractor wounded.",
     "https://www.nbcnews.com/politics/national-security/us-contractor-killed-service-members-wounded-suicide-drone-syria-rcna76453"),
    ("2023-03-23", "Salamiyah district, south-east of Hama", "Salamiyah", "SY", True, "attack", 15,
     "IS members killed truffle gatherers with knives, 7 civilians and 8 pro-government "
     "fighters; about 40 others missing (SOHR).",
     "https://www.islamtimes.org/id/news/1048737/teroris-daesh-memenggal-15-pemburu-truffle-di-suriah-40-hilang"),
    ("2023-03-24", "Deir ez-Zor city", "Deir ez-Zor", "SY", False, "air or drone strike", 6,
     "US retaliatory strike on a weapons depot used by Iran-aligned groups; six fighters killed "
     "(SOHR).",
     "https://www.thenationalnews.com/mena/2023/03/24/us-conducts-airstrikes-in-syria-after-american-contractor-killed-in-drone-attack/"),
    ("2023-03-24", "desert near al-Mayadin", "Mayadin", "SY", True, "air or drone strike", 2,
     "Same wave of US strikes: two Iran-aligned fighters killed in the Mayadin desert (SOHR).",
     "https://www.thenationalnews.com/mena/2023/03/24/us-conducts-airstrikes-in-syria-after-american-contractor-killed-in-drone-attack/"),
    ("2023-03-24", "near Albu Kamal", "Abu Kamal", "SY", True, "air or drone strike", 3,
     "Same wave of US strikes: three fighters killed near the Iraqi border (SOHR).",
     "https://www.thenationalnews.com/mena/2023/03/24/us-conducts-airstrikes-in-syria-after-american-contractor-killed-in-drone-attack/"),
    ("2023-04-16", "Duizen, eastern Hama countryside", "Hama Governorate", "SY", False, "attack", 26,
     "Suspected IS attack on people collecting truffles; 26 dead per state media, including at "
     "least 10 pro-government militiamen per SOHR (which later said 31).",
     "https://www.kurdistan24.net/en/story/31220-Syria%27s-truffle-hunt-turns-deadly-as-suspected-ISIS-militants-kill-26-civilians"),
    ("2023-04-16", "eastern Deir ez-Zor countryside", "Deir ez-Zor Governorate", "SY", False, "attack", 5,
     "Five civilians (shepherds) killed and some 250 of their sheep shot; blamed on IS.",
     "https://www.kurdistan24.net/en/story/31220-Syria%27s-truffle-hunt-turns-deadly-as-suspected-ISIS-militants-kill-26-civilians"),
]


def build(out: Path = OUT) -> list[dict[str, object]]:
    """Resolve every fact's place and write the CSV; return the rows."""
    from geo_incidents.gazetteer import Gazetteer

    gaz = Gazetteer.default()
    rows = []
    for date, place, query, country, near, kind, dead, text, url in FACTS:
        match = gaz.resolve(query, country=country)
        if match is None:
            raise SystemExit(f"gazetteer cannot resolve {query!r} ({country})")
        precision = max(int(match.precision), 2 if near else 1)
        rows.append({"date": date, "place": place, "name": match.name, "name_ar": match.place.name_ar or "",
                     "lat": f"{match.lat:.5f}", "lon": f"{match.lon:.5f}",
                     "precision": precision, "event_type": kind, "fatalities": dead,
                     "description": text, "source_url": url})
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rows


if __name__ == "__main__":
    for row in build():
        print(row["date"], row["place"], row["lat"], row["lon"], row["precision"])
