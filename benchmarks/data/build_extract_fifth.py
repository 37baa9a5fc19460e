"""Write ``extract_fifth.jsonl``: 16 texts we wrote on 2026-12-02 (evening session), in styles
the other sets have little of (Kurdish regional press with a "City, Kurdistan Region -" dateline,
Turkish defence ministry statements, the Syrian transitional government's security statements,
Iraqi Security Media Cell notes, OCHA-style updates with governorate names capitalised, news
agency attributions, two-incident sentences, machine-translated Arabic), every toponym's span
(also those the gazetteer lacks: coordinates null) with the query, country, governorate and kind
it is resolved with through our own gazetteer (checked by hand against the place's name and
district; no coordinate is typed).

Measured once before any change was made for them (see ``bench_extract.FIFTH``).

Run: ``.venv/bin/python benchmarks/data/build_extract_fifth.py benchmarks/data/extract_fifth.jsonl``
(without an argument it only prints each resolution).
"""
from _toponym_gold import main

# (text, [(surface, nth occurrence, query, country, admin1, kind_hint)], event surface index or None)
DOCS = [
("Duhok, Kurdistan Region - A Turkish air strike hit a farm near the village of Deraluk in Amedi district on Wednesday, wounding a farmer, the mayor told reporters.",
 [("Duhok",0,"Duhok","IQ",None,"populated place"),("Kurdistan Region",0,"Kurdistan Region","IQ",None,None),
  ("Deraluk",0,"Deraluk","IQ","Duhok",None),("Amedi",0,"Amedi district","IQ","Duhok","admin2")], 2),
("The Turkish defence ministry said its jets neutralised six militants in the Gara region of northern Iraq; Kurdish officials said a shepherd was among the dead.",
 [("Gara",0,None,"IQ","Duhok",None),("Iraq",0,"Iraq","IQ",None,"country")], None),
("The Ministry of Interior said General Security forces arrested a cell accused of smuggling weapons in the town of Sarmada near the Turkish border in northern Idlib.",
 [("Sarmada",0,"Sarmada","SY","Idleb",None),("Idlib",0,"Idlib","SY","Idleb","populated place")], 0),
("Security Media Cell: Army aviation destroyed two hideouts of Daesh remnants in the Wadi Houran valley in Anbar's western desert.",
 [("Wadi Houran",0,None,"IQ","Al-Anbar",None),("Anbar",0,"Anbar","IQ",None,"admin1")], None),
("Airstrikes reportedly hit the outskirts of Saraqeb and Nayrab in Idleb Governorate on 12 May, killing three civilians and damaging a water station.",
 [("Saraqeb",0,"Saraqeb","SY","Idleb",None),("Nayrab",0,"Nayrab","SY","Idleb",None),("Idleb",0,"Idleb","SY",None,"admin1")], 0),
("According to the Kirkuk police, gunmen on a motorcycle shot dead a teacher in the Hay al-Askari district of Kirkuk city late on Sunday.",
 [("Kirkuk",0,"Kirkuk","IQ",None,"admin1"),("Hay al-Askari",0,None,"IQ","Kirkuk",None),("Kirkuk",1,"Kirkuk","IQ","Kirkuk","populated place")], 2),
("A roadside bomb struck a fuel tanker on the Deir ez-Zor-Mayadin road, near the village of Buqrus, setting it on fire; the driver survived.",
 [("Deir ez-Zor",0,"Deir-ez-Zor","SY","Deir-ez-Zor","populated place"),("Mayadin",0,"Al Mayadin","SY","Deir-ez-Zor",None),
  ("Buqrus",0,"Buqrus","SY","Deir-ez-Zor",None)], 2),
("Iranian artillery shelled the mountains around Haj Omaran in Soran district on Friday, and a drone strike was reported near Sidakan the same day.",
 [("Haj Omaran",0,"Haj Omaran","IQ","Erbil",None),("Soran",0,"Soran district","IQ","Erbil","admin2"),("Sidakan",0,"Sidakan","IQ","Erbil",None)], 0),
("SANA: Air defences shot down drones launched at the Hmeimim base near Jableh, in the countryside of Latakia.",
 [("Hmeimim",0,"Hmeimim","SY","Lattakia",None),("Jableh",0,"Jableh","SY","Lattakia",None),("Latakia",0,"Latakia","SY","Lattakia","populated place")], 0),
("Clashes between the army and local gunmen in Jaramana, a suburb south-east of Damascus, left three dead, while a grenade attack wounded two in nearby Ashrafiyat Sahnaya.",
 [("Jaramana",0,"Jaramana","SY","Rural Damascus",None),("Damascus",0,"Damascus","SY",None,"populated place"),
  ("Ashrafiyat Sahnaya",0,"Ashrafiyat Sahnaya","SY","Rural Damascus",None)], 0),
("The martyrdom of a child and the injury of his mother by the explosion of a landmine in the farms of Al-Hol town in the eastern countryside of Hasakah.",
 [("Al-Hol",0,"Al-Hol","SY","Al-Hasakeh",None),("Hasakah",0,"Hasakah","SY","Al-Hasakeh","populated place")], 0),
("Police in Basra said an explosive device went off near a liquor store in the Ashar district of the city, causing material damage only.",
 [("Basra",0,"Basra","IQ",None,"populated place"),("Ashar",0,"Ashar","IQ","Al-Basrah",None)], 1),
("Iraqi Kurdish Peshmerga and federal troops held a joint exercise near Makhmour, on the edge of the disputed territories between Erbil and Nineveh.",
 [("Makhmour",0,"Makhmour","IQ",None,"populated place"),("Erbil",0,"Erbil","IQ",None,"admin1"),("Nineveh",0,"Nineveh","IQ",None,"admin1")], None),
("Tell Abiad: Turkish-backed factions shelled the villages of Ain Issa's countryside, hitting homes in al-Hoshan and Sayda.",
 [("Tell Abiad",0,"Tell Abiad","SY","Ar-Raqqa",None),("Ain Issa",0,"Ain Issa","SY","Ar-Raqqa","populated place"),
  ("al-Hoshan",0,None,"SY","Ar-Raqqa",None),("Sayda",0,"Sayda","SY","Ar-Raqqa",None)], 3),
("Unknown gunmen kidnapped two engineers working at the al-Omar oil field, east of the Euphrates, local sources told Deir ez-Zor 24.",
 [("al-Omar oil field",0,"Al Omar oil field","SY","Deir-ez-Zor","facility"),("Euphrates",0,None,"SY",None,None)], 0),
("Two brothers were killed when a mortar round fell on their house in the village of Kafr Halab in western Aleppo countryside, the civil defence said.",
 [("Kafr Halab",0,"Kafr Halab","SY","Aleppo",None),("Aleppo",0,"Aleppo","SY","Aleppo","populated place")], 0),
]
main(DOCS, "fifth")
