"""Write ``extract_third.jsonl``: 12 texts we wrote on 2026-12-01 (night), every toponym's span
with the query, country, governorate and kind it is resolved with through our own gazetteer
(checked by hand against the place's name and district; no coordinate is typed).

Run: ``.venv/bin/python benchmarks/data/build_extract_third.py benchmarks/data/extract_third.jsonl``
(without an argument it only prints each resolution).
"""
from _toponym_gold import main

# (text, [(surface, nth occurrence, query, country, admin1, kind_hint)], event surface index or None)
DOCS = [
("QAMISHLI, Syria (AP) — A roadside bomb struck an SDF patrol on the road between Tal Tamr and Abu Rasin on Tuesday, wounding three fighters, the group said.",
 [("QAMISHLI",0,"Qamishli","SY",None,None),("Syria",0,"Syria","SY",None,"country"),("Tal Tamr",0,"Tal Tamr","SY","Al-Hasakeh",None),("Abu Rasin",0,"Abu Rasin","SY","Al-Hasakeh",None)], 2),
("On 12 May 2022, unidentified gunmen opened fire on a civilian car near Busra al-Sham (Busra Esh-Sham, Dar'a), killing the driver.",
 [("Busra al-Sham",0,"Busra Esh-Sham","SY","Dar'a",None),("Busra Esh-Sham",0,"Busra Esh-Sham","SY","Dar'a",None),("Dar'a",0,"Dar'a","SY",None,"admin1")], 0),
("Since early March, more than 4,000 families have left villages around Maarat al-Numan for camps near Atmeh and Sarmada, close to the Turkish border, aid agencies said.",
 [("Maarat al-Numan",0,"Maarat al-Numan","SY","Idleb",None),("Atmeh",0,"Atmeh","SY","Idleb",None),("Sarmada",0,"Sarmada","SY","Idleb",None)], None),
("The occupation Turkish drones targeted a car in the vicinity of the town of Amuda in the northern countryside of Hasakah, which led to the death of two young men.",
 [("Amuda",0,"Amuda","SY","Al-Hasakeh",None),("Hasakah",0,"Hasakah","SY","Al-Hasakeh",None)], 0),
("Diyala / INA - Police announced the arrest of two suspects in the Muqdadiya district, north-east of Baquba, on charges of planting explosive devices.",
 [("Diyala",0,"Diyala","IQ",None,"admin1"),("Muqdadiya",0,"Muqdadiya","IQ","Diyala",None),("Baquba",0,"Baquba","IQ","Diyala",None)], 1),
("Clashes between SDF and tribal fighters in Dhiban and al-Hawaij, eastern Deir ez-Zor.",
 [("Dhiban",0,"Dhiban","SY","Deir-ez-Zor",None),("al-Hawaij",0,"Hawaij","SY","Deir-ez-Zor",None),("Deir ez-Zor",0,"Deir ez-Zor","SY",None,"admin1")], 0),
("ERBIL, Iraq (Reuters) - Iranian Revolutionary Guards fired missiles at what they said were militant bases near Koya, 60 km east of Erbil, on Wednesday, Kurdish officials said.",
 [("ERBIL",0,"Erbil","IQ",None,"populated place"),("Iraq",0,"Iraq","IQ",None,"country"),("Koya",0,"Koya","IQ","Erbil",None),("Erbil",0,"Erbil","IQ",None,"populated place")], 2),
("Israeli strike on Syria's Masyaf research centre kills 14",
 [("Syria",0,"Syria","SY",None,"country"),("Masyaf",0,"Masyaf","SY","Hama",None)], 1),
("On 3 January 2023, an IED exploded targeting a PMF vehicle on the road near al-Alam (Tikrit, Salah al-Din), wounding two members.",
 [("al-Alam",0,"Al Alam","IQ","Salah Al-Din",None),("Tikrit",0,"Tikrit district","IQ","Salah Al-Din","admin2"),("Salah al-Din",0,"Salah al-Din","IQ",None,"admin1")], 0),
("A child was wounded by the explosion of a mine from the remnants of war in the town of Khan Shaykhun in the southern countryside of Idlib.",
 [("Khan Shaykhun",0,"Khan Shaykhun","SY","Idleb",None),("Idlib",0,"Idlib","SY",None,None)], 0),
("BEIRUT (AP) — Syrian government forces and allied militias captured the town of Saraqeb in Idlib province on Thursday after days of heavy fighting, state media said.",
 [("BEIRUT",0,"Beirut","LB",None,None),("Saraqeb",0,"Saraqeb","SY","Idleb",None),("Idlib",0,"Idlib","SY",None,"admin1")], 1),
("In Sinjar district, returnees told our teams that water trucks reach Sinuni only twice a week, while families in Khanasor rely on wells.",
 [("Sinjar",0,"Sinjar district","IQ","Ninewa","admin2"),("Sinuni",0,"Sinuni","IQ","Ninewa",None),("Khanasor",0,"Khanasor","IQ","Ninewa",None)], None),
]
main(DOCS, "third")
