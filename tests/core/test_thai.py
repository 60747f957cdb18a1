"""Thai dictionary order (core.thai): the sort key, the "thai" collation of both databases, and
that PostgreSQL's ICU collation and the key put names in the same order.

The expected lists below are what PostgreSQL 15's ICU collation (th-TH) returned for these names.
"""

import random

import pytest
from django.db import IntegrityError, connection, transaction

from core import thai
from groups.models import LargeGroup
from members.models import Member, PayUnit
from networks.models import District, Network
from portal.models import PartnerLink
from tests.members.factories import MemberFactory
from tests.networks.factories import DistrictFactory, ProvinceFactory

# The districts of Kamphaeng Phet: ไทรงาม under ท (after ทรายทองวัฒนา), เมือง… under ม.
KAMPHAENG_PHET_DISTRICTS = [
    "โกสัมพีนคร",
    "ขาณุวรลักษบุรี",
    "คลองขลุง",
    "คลองลาน",
    "ทรายทองวัฒนา",
    "ไทรงาม",
    "บึงสามัคคี",
    "ปางศิลาทอง",
    "พรานกระต่าย",
    "เมืองกำแพงเพชร",
    "ลานกระบือ",
]
# Tone marks decide only between the same letters: ขาว, ข่าว, ข้าว before ขาวดำ; ๆ is ignored.
TONE_MARKS = ["ขาว", "ขาวๆ", "ข่าว", "ข้าว", "ขาวดำ", "ขำ", "เขา", "เข่า", "เข้า"]
FIRST_NAMES = [
    "กนกวรรณ",
    "เกษม",
    "แก้วตา",
    "ประเสริฐ",
    "เปรมฤดี",
    "พรทิพย์",
    "ไพโรจน์",
    "รัตนา",
    "ฤทัย",
    "ลำดวน",
    "วิไล",
    "แววตา",
    "สมชาย",
    "สมศรี",
    "เสาวลักษณ์",
    "อรุณ",
    "อำไพ",
    "เอกชัย",
]
LAST_NAMES = [
    "แก้วมณี",
    "จันทร์แก้ว",
    "จันทร์เพ็ญ",
    "ใจดี",
    "ชัยมงคล",
    "ทองคำ",
    "เทพสุริยา",
    "ศรีสุข",
    "โสภณ",
]
# Spaces and punctuation are ignored (names equal without them follow by code point); digits
# come before Thai, Latin after it, lower case before capitals.
PAY_UNITS = [
    "123 ทดสอบ",
    "โรงเรียนกำแพงเพชรพิทยาคม",
    "โรงเรียนบ้านเกาะ ตาล",
    "โรงเรียนบ้านเกาะตาล",
    "โรงเรียนบ้านเกาะตาล (คลองขลุง)",
    "โรงเรียนบ้านคลองน้ำไหล",
    "โรงเรียนบ้านหนองไม้",
    "โรงเรียนวัดไทรงาม",
    "โรงเรียนอนุบาลกำแพงเพชร",
    "สพป.กพ. เขต 1",
    "สพป.กพ. เขต 2",
    "สพม.กำแพงเพชร",
    "school a",
    "School A",
]
ORDERED_LISTS = [KAMPHAENG_PHET_DISTRICTS, TONE_MARKS, FIRST_NAMES, LAST_NAMES, PAY_UNITS]


def shuffled(names: list[str]) -> list[str]:
    names = list(names)
    random.Random(2569).shuffle(names)
    assert names != sorted(names, key=thai.sort_key)  # the test would prove nothing otherwise
    return names


@pytest.mark.parametrize("ordered", ORDERED_LISTS, ids=lambda names: names[0])
def test_the_key_sorts_names_in_thai_dictionary_order(ordered):
    assert sorted(shuffled(ordered), key=thai.sort_key) == ordered


def test_a_leading_vowel_sorts_under_the_consonant_after_it_in_every_syllable():
    assert sorted(["ไทรงาม", "พรานกระต่าย", "เมือง"], key=thai.sort_key) == [
        "ไทรงาม",
        "พรานกระต่าย",
        "เมือง",
    ]
    # Inside a word too: เข sorts as ข then เ, so กเข comes between กขา and กคา.
    assert sorted(["กคา", "กเข", "กขา"], key=thai.sort_key) == ["กขา", "กเข", "กคา"]


def test_a_tone_mark_typed_before_a_lower_vowel_sorts_as_the_same_name():
    # The keyboard lets ุ and ่ be typed in either order; both spell the same name.
    assert thai.sort_key("กุ่ม")[:3] == thai.sort_key("กุ่ม")[:3]


def test_names_compare_equal_only_when_identical():
    assert thai.compare("ไทรงาม", "ไทรงาม") == 0
    assert thai.compare("โรงเรียนบ้านเกาะ ตาล", "โรงเรียนบ้านเกาะตาล") < 0
    assert thai.compare("ทรายทองวัฒนา", "ไทรงาม") < 0
    assert thai.compare("ไทรงาม", "ทรายทองวัฒนา") > 0


NAME_COLUMNS = [
    (Network, "name"),
    (Network, "short_name"),
    (District, "name"),
    (PayUnit, "name"),
    (Member, "first_name"),
    (Member, "last_name"),
    (LargeGroup, "name"),
    (PartnerLink, "name"),
]


@pytest.mark.parametrize(
    ("model", "field"), NAME_COLUMNS, ids=[f"{m.__name__}.{f}" for m, f in NAME_COLUMNS]
)
def test_every_name_column_uses_the_thai_collation(model, field):
    assert model._meta.get_field(field).db_collation == thai.COLLATION


@pytest.mark.django_db
def test_the_database_orders_district_names_as_the_key_does():
    province = ProvinceFactory()
    for name in shuffled(KAMPHAENG_PHET_DISTRICTS + TONE_MARKS + PAY_UNITS):
        DistrictFactory(name=name, province=province)
    stored = list(District.objects.values_list("name", flat=True))

    assert stored == sorted(stored, key=thai.sort_key)
    assert [name for name in stored if name in KAMPHAENG_PHET_DISTRICTS] == (
        KAMPHAENG_PHET_DISTRICTS
    )
    descending = District.objects.order_by("-name").values_list("name", flat=True)
    assert list(descending) == stored[::-1]


@pytest.mark.django_db
def test_members_are_ordered_by_first_then_last_name_in_thai_order():
    for first_name, last_name in zip(shuffled(FIRST_NAMES), shuffled(LAST_NAMES * 2), strict=False):
        MemberFactory(first_name=first_name, last_name=last_name)
    MemberFactory(first_name="สมชาย", last_name="ใจดี")
    MemberFactory(first_name="สมชาย", last_name="แก้วมณี")

    names = list(Member.objects.values_list("first_name", "last_name"))

    assert names == sorted(names, key=lambda name: (thai.sort_key(name[0]), thai.sort_key(name[1])))


@pytest.mark.django_db
def test_searches_on_the_collated_columns_still_find_names():
    province = ProvinceFactory()
    DistrictFactory(name="ไทรงาม", province=province)
    DistrictFactory(name="ทรายทองวัฒนา", province=province)
    member = MemberFactory(first_name="สมศรี", last_name="ใจดี")

    assert list(District.objects.filter(name="ไทรงาม").values_list("name", flat=True)) == ["ไทรงาม"]
    assert District.objects.filter(name__startswith="ไทร").count() == 1
    assert District.objects.filter(name__icontains="ทอง").count() == 1
    assert District.objects.filter(name__iexact="ไทรงาม").count() == 1
    assert list(Member.objects.search("ใจดี")) == [member]
    assert list(Member.objects.search("มศร")) == [member]


@pytest.mark.django_db
def test_the_unique_constraint_still_tells_names_apart_by_their_characters():
    province = ProvinceFactory()
    DistrictFactory(name="โรงเรียนบ้านเกาะตาล", province=province)
    # Equal under the rules (a space is ignored) but not the same name: both can be stored.
    DistrictFactory(name="โรงเรียนบ้านเกาะ ตาล", province=province)

    with pytest.raises(IntegrityError), transaction.atomic():
        DistrictFactory(name="โรงเรียนบ้านเกาะตาล", province=province)


def random_names(count: int, seed: int) -> list[str]:
    """Names built syllable by syllable (leading vowels, tone marks, ำ, ๆ), words joined by
    spaces and punctuation, with digits and Latin letters among them."""
    generator = random.Random(seed)
    consonants = thai.CONSONANTS
    vowels_after = ["", "", "ะ", "ั", "า", "ำ", "ิ", "ี", "ึ", "ื", "ุ", "ู", "ๅ"]
    marks = ["", "", "", "่", "้", "๊", "๋", "็", "์"]

    def syllable():
        lead = generator.choice(["", "", "", *thai.LEADING_VOWELS])
        tail = generator.choice(["", "", *consonants])
        after = generator.choice(vowels_after)
        return lead + generator.choice(consonants) + after + generator.choice(marks) + tail

    def word():
        kind = generator.random()
        if kind < 0.05:
            return str(generator.randint(0, 99))
        if kind < 0.1:
            return generator.choice(["ก", "School", "school", "ABC", "ๆ", "๑๒"])
        return "".join(syllable() for _ in range(generator.randint(1, 3)))

    names = set()
    while len(names) < count:
        words = [word() for _ in range(generator.randint(1, 3))]
        separators = [generator.choice(["", "", " ", ".", "-", " (", ") "]) for _ in words[1:]]
        name = words[0] + "".join(sep + w for sep, w in zip(separators, words[1:], strict=True))
        names.add(name)
    return sorted(names)


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_postgresql_icu_collation_and_the_key_agree_on_random_names(seed):
    names = random_names(1500, seed)
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT name FROM unnest(%s::text[]) AS name ORDER BY name COLLATE "{thai.COLLATION}"',
            [names],
        )
        icu_order = [row[0] for row in cursor.fetchall()]

    assert icu_order == sorted(names, key=thai.sort_key)


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_collation_is_a_deterministic_icu_thai_one():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collprovider, colliculocale, collisdeterministic FROM pg_collation"
            " WHERE collname = %s",
            [thai.COLLATION],
        )
        assert cursor.fetchone() == ("i", thai.ICU_LOCALE, True)


@pytest.mark.django_db
def test_sql_of_either_database_can_order_by_collate_thai():
    # On SQLite the collation is core.thai's key, given to every connection as it opens.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM (SELECT 'พรานกระต่าย' AS name UNION SELECT 'ไทรงาม'"
            " UNION SELECT 'เมืองกำแพงเพชร') AS names ORDER BY name COLLATE thai"
        )
        assert [row[0] for row in cursor.fetchall()] == ["ไทรงาม", "พรานกระต่าย", "เมืองกำแพงเพชร"]
