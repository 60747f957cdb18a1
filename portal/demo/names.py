"""Made-up Thai people and schools for demo data: names, titles, national IDs, phones, e-mails."""

import datetime
import random
from dataclasses import dataclass

from members.models import Title
from members.validators import national_id_check_digit

# (Thai, romanised): the romanised form only builds demo e-mail addresses.
MALE_FIRST_NAMES = [
    ("สมชาย", "somchai"),
    ("สมศักดิ์", "somsak"),
    ("ประเสริฐ", "prasert"),
    ("วิชัย", "wichai"),
    ("สุรชัย", "surachai"),
    ("ธนากร", "thanakorn"),
    ("อนุชา", "anucha"),
    ("ณัฐพล", "nattaphon"),
    ("กิตติศักดิ์", "kittisak"),
    ("ชัยวัฒน์", "chaiwat"),
    ("สมบัติ", "sombat"),
    ("วีระพงษ์", "weerapong"),
    ("สุทธิพงษ์", "suthiphong"),
    ("อภิชาติ", "aphichat"),
    ("ธีรวัฒน์", "theerawat"),
    ("พงศธร", "phongsathon"),
    ("ศุภชัย", "suphachai"),
    ("มานพ", "manop"),
    ("บุญเลิศ", "boonlert"),
    ("เอกชัย", "ekkachai"),
    ("ชาตรี", "chatri"),
    ("วรวุฒิ", "worawut"),
    ("สุเมธ", "sumet"),
    ("ปิยะพงษ์", "piyaphong"),
    ("ณรงค์", "narong"),
    ("ไพโรจน์", "pairoj"),
    ("อำนาจ", "amnat"),
    ("ทองใบ", "thongbai"),
    ("สุริยา", "suriya"),
    ("เกรียงไกร", "kriangkrai"),
]
FEMALE_FIRST_NAMES = [
    ("สมศรี", "somsri"),
    ("มาลี", "malee"),
    ("สุนีย์", "sunee"),
    ("วันเพ็ญ", "wanpen"),
    ("กาญจนา", "kanjana"),
    ("พรทิพย์", "pornthip"),
    ("นงลักษณ์", "nonglak"),
    ("สุภาพร", "supaporn"),
    ("รัตนา", "rattana"),
    ("อรุณี", "arunee"),
    ("จิราพร", "jiraporn"),
    ("ปิยนุช", "piyanuch"),
    ("วิไลวรรณ", "wilaiwan"),
    ("ศิริพร", "siriporn"),
    ("อัญชลี", "anchalee"),
    ("ดวงใจ", "duangjai"),
    ("เพ็ญศรี", "pensri"),
    ("ยุพิน", "yupin"),
    ("นิตยา", "nittaya"),
    ("บุษบา", "butsaba"),
    ("ลำดวน", "lamduan"),
    ("สายสุนีย์", "saisunee"),
    ("ธิดารัตน์", "thidarat"),
    ("กมลวรรณ", "kamonwan"),
    ("ณัฐธิดา", "natthida"),
    ("ปวีณา", "paweena"),
    ("อรทัย", "orathai"),
    ("สุดารัตน์", "sudarat"),
    ("พัชรี", "patcharee"),
    ("จันทร์เพ็ญ", "janpen"),
]
LAST_NAMES = [
    ("ใจดี", "jaidee"),
    ("แก้วมณี", "kaewmanee"),
    ("ศรีสุข", "srisuk"),
    ("บุญมา", "boonma"),
    ("ทองคำ", "thongkham"),
    ("สุขเจริญ", "sukcharoen"),
    ("วงศ์ใหญ่", "wongyai"),
    ("พรหมมา", "promma"),
    ("อินทร์แก้ว", "inkaew"),
    ("จันทร์หอม", "janhom"),
    ("แสงทอง", "saengthong"),
    ("มีสุข", "meesuk"),
    ("ชัยมงคล", "chaimongkol"),
    ("ศรีวิชัย", "sriwichai"),
    ("เพชรรัตน์", "petcharat"),
    ("สุวรรณศรี", "suwannasri"),
    ("ปัญญาดี", "panyadee"),
    ("รุ่งเรือง", "rungruang"),
    ("คงสมบูรณ์", "khongsomboon"),
    ("ทองดี", "thongdee"),
    ("บุญเรือง", "boonruang"),
    ("อ่อนศรี", "onsri"),
    ("กล้าหาญ", "klahan"),
    ("นาคประเสริฐ", "nakprasert"),
    ("พึ่งทอง", "phuengthong"),
    ("เกตุแก้ว", "ketkaew"),
    ("สีดา", "sida"),
    ("ยอดเพชร", "yodphet"),
    ("ขุนทอง", "khunthong"),
    ("ดีประเสริฐ", "deeprasert"),
    ("ศรีสวัสดิ์", "srisawat"),
    ("มั่นคง", "mankhong"),
    ("เจริญผล", "charoenphon"),
    ("วิเศษศักดิ์", "wisetsak"),
    ("ภูมิใจ", "phumjai"),
    ("ทองมา", "thongma"),
    ("พุ่มพวง", "phumphuang"),
    ("นิลสุวรรณ", "ninsuwan"),
    ("สมบูรณ์ชัย", "somboonchai"),
    ("แก้วประเสริฐ", "kaewprasert"),
    ("บัวทอง", "buathong"),
    ("คำแสน", "khamsaen"),
    ("อยู่เย็น", "yuyen"),
    ("ปานทอง", "panthong"),
    ("ชูศรี", "choosri"),
    ("เรืองศรี", "ruangsri"),
    ("สิทธิโชค", "sitthichok"),
    ("ดอกไม้", "dokmai"),
    ("รักษาพล", "raksaphon"),
    ("ทรัพย์มาก", "sapmak"),
    ("กำแพงทอง", "kamphaengthong"),
    ("นาคทอง", "nakthong"),
    ("ประทุมทอง", "prathumthong"),
    ("ศรีอ่อน", "srion"),
    ("ใจมั่น", "jaiman"),
    ("พานทอง", "phanthong"),
    ("วงศ์สวัสดิ์", "wongsawat"),
    ("บุญประคอง", "boonprakong"),
    ("โพธิ์ศรี", "phosri"),
    ("มะลิวัลย์", "maliwan"),
]

# Village names are a landform followed by a plant or a quality, as most Thai villages are.
VILLAGE_PREFIXES = [
    "หนอง",
    "วัง",
    "คลอง",
    "ห้วย",
    "โนน",
    "ดอน",
    "บึง",
    "ท่า",
    "นา",
    "โคก",
    "บ่อ",
    "ทุ่ง",
    "สระ",
    "ไร่",
    "ลาน",
    "เขา",
    "ปาง",
    "แม่",
]
VILLAGE_SUFFIXES = [
    "ไผ่",
    "ยาง",
    "ทอง",
    "ขาม",
    "แก",
    "บัว",
    "ปลิง",
    "มะค่า",
    "ตะเคียน",
    "สำโรง",
    "จิก",
    "หว้า",
    "กระทุ่ม",
    "ตาล",
    "มะม่วง",
    "ลำดวน",
    "พิกุล",
    "ไทร",
    "โพธิ์",
    "งิ้ว",
    "ขี้เหล็ก",
    "ประดู่",
    "สะแก",
    "ชุมแสง",
    "น้ำใส",
    "กรวด",
]
VILLAGE_QUARTERS = ["", "เหนือ", "ใต้", "ใหม่", "พัฒนา", "ตะวันออก", "ตะวันตก", "สามัคคี"]
# Shuffled once with a fixed seed so neighbouring schools don't read หนองไผ่, หนองยาง, หนองทอง...
VILLAGES = [
    prefix + suffix + quarter
    for quarter in VILLAGE_QUARTERS
    for prefix in VILLAGE_PREFIXES
    for suffix in VILLAGE_SUFFIXES
]
random.Random(2543).shuffle(VILLAGES)  # noqa: S311  (a fixed order, not a secret)
SECONDARY_SUFFIXES = ["วิทยา", "วิทยาคม", "พิทยาคม", "ศึกษา"]

EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]  # reserved: no real inbox gets mail
EMAIL_SHARE = 0.3  # about a third of members leave an e-mail address


def primary_school_name(index: int) -> str:
    """The index-th village school name; repeats get a number once the villages run out.

    Each primary area counts its schools from 0, so the two areas share school names (in
    different districts), as real provinces do: kept on purpose, for the pickers and messages
    must tell them apart (tests/portal/test_load_demo.py checks both).
    """
    village = VILLAGES[index % len(VILLAGES)]
    cycle = index // len(VILLAGES)
    return f"โรงเรียนบ้าน{village}" + (f" {cycle + 1}" if cycle else "")


def secondary_school_name(index: int) -> str:
    suffix = SECONDARY_SUFFIXES[index % len(SECONDARY_SUFFIXES)]
    village = VILLAGES[(index // len(SECONDARY_SUFFIXES)) % len(VILLAGES)]
    cycle = index // (len(SECONDARY_SUFFIXES) * len(VILLAGES))
    return f"โรงเรียน{village}{suffix}" + (f" {cycle + 1}" if cycle else "")


NATIONAL_ID_SERIALS = 10_000_000  # seven serial digits per district


def national_id(*, first_digit: int, district_code: int, number: int) -> str:
    """A valid ID shaped like a real one: type digit, province 62 and district, serial, check.

    `number` must be unique within the district and below ten million; multiplying by a prime
    that shares no factor with 10**7 scatters the serials without ever repeating one.
    """
    if not 0 <= number < NATIONAL_ID_SERIALS:
        raise ValueError(f"number {number} out of range")
    serial = (number * 7919 + 104_729) % NATIONAL_ID_SERIALS
    first_twelve = f"{first_digit}62{district_code:02d}{serial:07d}"
    return first_twelve + national_id_check_digit(first_twelve)


@dataclass(frozen=True, slots=True)
class Person:
    title: str
    first_name: str
    last_name: str
    phone: str
    email: str
    joined_on: datetime.date


class PersonMaker:
    """Draws people from one seeded random source, so the same seed gives the same people.

    Some 3,600 name pairs for about a thousand people give namesakes, a few names shared by
    three or four, as in a real province; the demo keeps them (see primary_school_name).
    """

    def __init__(self, rng: random.Random):
        self.rng = rng

    def person(self, *, joined_from: int, joined_to: int) -> Person:
        rng = self.rng
        # Most teachers are women; a few hold a doctorate or a reserve officer's rank.
        if rng.random() < 0.62:
            first, first_roman = rng.choice(FEMALE_FIRST_NAMES)
            title = Title.MRS if rng.random() < 0.65 else Title.MISS
        else:
            first, first_roman = rng.choice(MALE_FIRST_NAMES)
            title = Title.ACTING_SUB_LIEUTENANT if rng.random() < 0.04 else Title.MR
        if rng.random() < 0.015:
            title = Title.DOCTOR
        last, last_roman = rng.choice(LAST_NAMES)
        phone = f"08{rng.randrange(10)}-{rng.randrange(1000):03d}-{rng.randrange(10000):04d}"
        email = ""
        if rng.random() < EMAIL_SHARE:
            email = (
                f"{first_roman}.{last_roman[:3]}{rng.randrange(100)}@{rng.choice(EMAIL_DOMAINS)}"
            )
        joined_on = datetime.date(rng.randint(joined_from, joined_to), rng.randint(1, 12), 1)
        return Person(title, first, last, phone, email, joined_on)

    def first_digit(self) -> int:
        # 3: registered when the 1984 ID system began; 1: born later; a few other categories.
        roll = self.rng.random()
        if roll < 0.55:
            return 3
        if roll < 0.95:
            return 1
        return self.rng.choice([2, 4, 5, 8])
