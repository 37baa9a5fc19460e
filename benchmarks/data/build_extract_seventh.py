"""Write ``extract_seventh.jsonl``: 16 texts we wrote on 2026-12-03 (thirteenth session), in
styles the other sets have little of (Shafaq News and North Press-style regional copy, Enab
Baladi-style summaries, ACLED notes that drop the article before a unit word, UN Security
Council and donor-conference prose naming capitals abroad, statements about bases and
airports, roads between two towns), every toponym's span (also those the gazetteer lacks:
coordinates null) with the query, country, governorate and kind it is resolved with through
our own gazetteer (checked by hand against the place's name and district; no coordinate is
typed).

Measured once before any change was made for them (see ``bench_extract.SEVENTH``). After that
measurement one annotation was aligned with the sets' convention: "the northeastern countryside
of Lattakia" had been written as the governorate; the sets give "the countryside of X" the
town X (the sixth set's "the western countryside of Deir Ezzor" is the city).

Run: ``.venv/bin/python benchmarks/data/build_extract_seventh.py benchmarks/data/extract_seventh.jsonl``
(without an argument it only prints each resolution).
"""
from _toponym_gold import main

# (text, [(surface, nth occurrence, query, country, admin1, kind_hint)], event surface index or None)
DOCS = [
("Shafaq News / A security source in Kirkuk said on Tuesday that an IED exploded on a federal police patrol on the road between Daquq and Tuz Khurmatu, wounding two officers.",
 [("Kirkuk",0,"Kirkuk","IQ",None,"populated place"),("Daquq",0,"Daquq","IQ","Kirkuk",None),
  ("Tuz Khurmatu",0,"Tuz Khurmatu","IQ","Salah Al-Din",None)], 1),
("On 8 September 2024, unidentified gunmen shot and injured a tribal elder in Hazima village (Raqqa, Ar-Raqqa). The motive is unknown.",
 [("Hazima",0,"Hazima","SY","Ar-Raqqa",None),("Raqqa",0,"Raqqa","SY","Ar-Raqqa","admin2"),
  ("Ar-Raqqa",0,"Ar-Raqqa","SY",None,"admin1")], 0),
("Enab Baladi reported that a child was wounded when a landmine exploded in agricultural land near the town of Kafr Nabl, south of Idlib.",
 [("Kafr Nabl",0,"Kafr Nabl","SY","Idleb",None),("Idlib",0,"Idlib","SY","Idleb","populated place")], 0),
("The Security Council met in New York on Thursday to discuss the humanitarian situation in Syria, while donors gathered in Brussels pledged 5 billion euros.",
 [("New York",0,"New York","US",None,None),("Syria",0,"Syria","SY",None,"country"),
  ("Brussels",0,"Brussels","BE",None,None)], None),
("QAMISHLI, North Press - A Turkish drone targeted a car on the road linking Amuda and al-Darbasiyah on Wednesday, killing its two passengers, a source told North Press.",
 [("QAMISHLI",0,"Qamishli","SY",None,"populated place"),("Amuda",0,"Amuda","SY","Al-Hasakeh",None),
  ("al-Darbasiyah",0,"Darbasiyah","SY","Al-Hasakeh","populated place")], 1),
("Iraqi F-16s struck two ISIS hideouts in the Hamrin mountains and the Mutaibija basin on Sunday, the Security Media Cell said, adding that six militants were killed.",
 [("Hamrin",0,"Hamrin","IQ","Salah Al-Din","admin3"),("Mutaibija",0,"Mutaibija","IQ","Salah Al-Din",None)], 0),
("A drone attack targeted the Harir air base, north of Erbil, late on Friday without causing casualties, the Kurdistan Region's counter-terrorism service said.",
 [("Harir",0,"Harir","IQ","Erbil",None),("Erbil",0,"Erbil","IQ","Erbil","populated place"),
  ("Kurdistan Region",0,"Kurdistan Region","IQ",None,None)], 0),
("Clashes broke out between the Syrian army and gunmen in the Sayyida Zeinab area south of Damascus, leaving three dead, local sources told Enab Baladi.",
 [("Sayyida Zeinab",0,"Sayyida Zeinab","SY","Rural Damascus",None),("Damascus",0,"Damascus","SY","Damascus","populated place")], 0),
("On 2 February 2025, a car bomb exploded near a checkpoint at the entrance of Manbij city (Manbij, Aleppo), killing 4 civilians and 1 SNA fighter.",
 [("Manbij",0,"Manbij","SY","Aleppo","populated place"),("Manbij",1,"Manbij","SY","Aleppo","admin2"),
  ("Aleppo",0,"Aleppo","SY",None,"admin1")], 0),
("The Iraqi Ministry of Defence said army aviation destroyed a tunnel used by terrorists in the Wadi al-Tharthar area, west of Samarra.",
 [("Wadi al-Tharthar",0,"Tharthar","IQ","Salah Al-Din","admin3"),("Samarra",0,"Samarra","IQ","Salah Al-Din",None)], 0),
("Officials in Ankara and Baghdad discussed water shares of the Tigris and Euphrates rivers, as drought hit farmers in Basra and Dhi Qar.",
 [("Ankara",0,"Ankara","TR",None,None),("Baghdad",0,"Baghdad","IQ","Baghdad","populated place"),
  ("Basra",0,"Basra","IQ",None,"admin1"),("Dhi Qar",0,"Dhi Qar","IQ",None,"admin1")], None),
("Two members of the Asayish were killed when gunmen attacked their checkpoint in al-Shaddadi, south of Hasakah, on Monday night.",
 [("al-Shaddadi",0,"Shaddadi","SY","Al-Hasakeh",None),("Hasakah",0,"Hasakah","SY","Al-Hasakeh","populated place")], 0),
("SANA: The army units foiled an infiltration attempt by terrorists towards the military points in the vicinity of Kabani in the northeastern countryside of Lattakia.",
 [("Kabani",0,"Kabani","SY",None,None),("Lattakia",0,"Lattakia","SY","Lattakia","populated place")], 0),
("The UNHCR said some 300 families returned from the Al-Hol camp to their villages in the Al-Baaj district of western Nineveh last month.",
 [("Al-Hol",0,"Al-Hol camp","SY","Al-Hasakeh",None),("Al-Baaj",0,"Al-Baaj","IQ","Ninewa","admin2"),
  ("Nineveh",0,"Nineveh","IQ",None,"admin1")], None),
("Turkish warplanes bombed the Makhmour camp and the Qarachogh mountain overnight, killing a woman, the camp's administration said.",
 [("Makhmour",0,"Makhmour camp","IQ","Erbil",None),("Qarachogh",0,None,"IQ","Erbil",None)], 0),
("Israeli forces set up a checkpoint on the road between Quneitra and Khan Arnabah and searched houses in the village of Jubata al-Khashab.",
 [("Quneitra",0,"Quneitra","SY","Quneitra","populated place"),("Khan Arnabah",0,"Khan Arnabah","SY","Quneitra",None),
  ("Jubata al-Khashab",0,"Jubata al-Khashab","SY","Quneitra",None)], 2),
]

if __name__ == "__main__":
    main(DOCS, "seventh")
