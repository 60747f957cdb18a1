"""Members of the programme and the pay units (หน่วยงานสังกัด) that pay their salaries."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import audit, privacy
from core.scope import Scope, ScopedQuerySet
from networks.models import Level

from .forms import NationalIdFormField
from .validators import national_id_digits, normalize_national_id, validate_national_id

models.CharField.register_lookup(Length)

NATIONAL_ID_LENGTH = 13

# Between the parts of a choice label: "โรงเรียนบ้านหนองไม้ (อ.คลองขลุง · 1062020012)".
LABEL_SEPARATOR = " · "


class PayUnitQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        """The schools of the areas in scope, of the districts of the large groups in scope
        (where a registrar founds a small group), and those of their small groups."""
        SmallGroup = apps.get_model("groups", "SmallGroup")
        groups = scope.large_groups_in_scope()
        query = Q(district_id__in=groups.values("district_id")) | Q(
            pk__in=SmallGroup.objects.filter(large_group__in=groups).values("pay_unit_id")
        )
        if scope.areas:
            query |= Q(area_id__in=sorted(scope.areas))
        return query

    def labelled(self):
        """With what `choice_label` reads, so a picker of any length costs one query."""
        return self.select_related("district", "area")


class PayUnit(models.Model):
    """The school or office that pays a member's salary and deducts the repayments."""

    name = models.CharField(_("ชื่อหน่วยงาน"), max_length=200, db_collation="thai")
    code = models.CharField(_("รหัสหน่วยงาน"), max_length=20, unique=True, null=True, blank=True)
    area = models.ForeignKey(
        "networks.Network",
        verbose_name=_("เขตพื้นที่การศึกษา"),
        on_delete=models.PROTECT,
        related_name="pay_units",
        limit_choices_to={"level": Level.AREA},
    )
    district = models.ForeignKey(
        "networks.District",
        verbose_name=_("อำเภอ"),
        on_delete=models.PROTECT,
        related_name="pay_units",
        null=True,
        blank=True,
    )

    objects = PayUnitQuerySet.as_manager()

    history = audit.history()

    class Meta:
        verbose_name = _("หน่วยงานสังกัด")
        verbose_name_plural = _("หน่วยงานสังกัด")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="pay_unit_unique_name_per_area"),
        ]
        # The member list sorted by pay unit reads the units in name order, then each unit's
        # members through the pay_unit foreign key's index.
        indexes = [models.Index(fields=["name"], name="pay_unit_name_idx")]

    def __str__(self):
        return self.name

    @property
    def choice_label(self) -> str:
        """The name with its district and code: two schools of one name are told apart.

        Without a code, the area: a name is unique within its area (the constraint above).
        """
        details = []
        if self.district_id:
            details.append(gettext("อ.%(district)s") % {"district": self.district.name})
        if self.code or self.area_id:
            details.append(self.code or str(self.area))
        return f"{self.name} ({LABEL_SEPARATOR.join(details)})" if details else self.name

    def clean(self):
        if self.area_id and self.area.level != Level.AREA:
            raise ValidationError(
                {
                    "area": ValidationError(
                        _("หน่วยงานสังกัดต้องอยู่ในเครือข่ายระดับเขตพื้นที่การศึกษา"),
                        code="pay_unit_area",
                    )
                }
            )


class Title(models.TextChoices):
    MR = "นาย", _("นาย")
    MRS = "นาง", _("นาง")
    MISS = "นางสาว", _("นางสาว")
    ACTING_SUB_LIEUTENANT = "ว่าที่ร้อยตรี", _("ว่าที่ร้อยตรี")
    DOCTOR = "ดร.", _("ดร.")


# Longest first: "นาง" starts "นางสาว", and "นางสาวสุดารัตน์" is Miss Sudarat, not Mrs Saw...
TITLES_LONGEST_FIRST = sorted(Title.values, key=len, reverse=True)


def split_title(text: str) -> tuple[str | None, str]:
    """A leading title and the rest: ("นางสาว", "สุดารัตน์ ใจดี") for "นางสาวสุดารัตน์ ใจดี";
    (None, text) when the text starts with no title."""
    for title in TITLES_LONGEST_FIRST:
        if text.startswith(title):
            return title, text[len(title) :].strip()
    return None, text


def names_containing(words: list[str]) -> Q:
    """Every word in the first or the last name. On PostgreSQL each word of three characters or
    more reads the trigram indexes of members/migrations/0005 (UPPER(name) LIKE, as Django's
    icontains writes it); shorter ones have no trigram and are checked row by row."""
    query = Q()
    for word in words:
        query &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return query


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("ปกติ")
    RETIRED = "retired", _("เกษียณอายุราชการ")
    RESIGNED = "resigned", _("ลาออกจากโครงการ")
    TRANSFERRED = "transferred", _("ย้ายออกนอกจังหวัด")
    DECEASED = "deceased", _("ถึงแก่กรรม")
    EXPELLED = "expelled", _("พ้นสภาพสมาชิก")


class MemberQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        """Members now in a small group of a large group in scope; members in no small group
        (new, or left) of a school that has a small group in a large group the user holds (its
        registrar places them); with an area in scope, every member of its schools.

        One `id IN (… UNION …)`: PostgreSQL runs it as one semi-join, where an OR of the three
        would read every member of the table (1.6 s instead of 50 ms at a million members).
        """
        Membership = apps.get_model("groups", "SmallGroupMembership")
        SmallGroup = apps.get_model("groups", "SmallGroup")
        current = Membership.objects.filter(ended_on__isnull=True).order_by()
        parts = [
            current.filter(small_group__large_group__in=scope.large_groups_in_scope()).values(
                "member_id"
            )
        ]
        if scope.large_groups:
            schools = SmallGroup.objects.filter(
                large_group_id__in=sorted(scope.large_groups)
            ).values("pay_unit_id")
            parts.append(
                Member.objects.order_by()
                .filter(pay_unit_id__in=schools)
                .filter(~Exists(current.filter(member_id=OuterRef("pk"))))
                .values("pk")
            )
        if scope.areas:
            parts.append(
                Member.objects.order_by()
                .filter(pay_unit__area_id__in=sorted(scope.areas))
                .values("pk")
            )
        ids = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
        return Q(pk__in=ids)

    def active(self):
        return self.filter(status=MemberStatus.ACTIVE)

    def labelled(self):
        """With what `choice_label` reads, so a picker of any length costs one query."""
        return self.select_related("pay_unit")

    def search(self, text: str, *, id_prefix: bool = True):
        """Names, national ID or member number: what an officer types in one box.

        id_prefix=False (an officer who may not see full IDs): an ID is found only whole, so
        no one works an ID out digit by digit from what a prefix finds.

        - an ID, whole or its first digits, with dashes or spaces as on the card
          (3-6201-01205-67-7): the ID from its start;
        - a member number from its start (bm00001 finds BM0000012);
        - words: each in the first or the last name ("ดารั", "สุดารัตน์ ใจดี"), and a name typed
          with its title ("นางสาวสุดารัตน์ ใจดี") finds that title's member of that name; the
          words are also tried as they are, so a name that starts like a title ("นางนวล") is
          still found.

        Every branch reads an index at any size (docs/members.md, "The member list at national
        scale"): the ID's and the member number's prefixes their unique columns' pattern
        indexes, the names their trigram indexes on PostgreSQL.
        """
        text = " ".join(text.split())
        if not text:
            return self
        digits = national_id_digits(text)
        if digits:
            by_id = (
                Q(national_id__startswith=digits)
                if id_prefix
                else Q(national_id=digits if len(digits) == NATIONAL_ID_LENGTH else None)
            )
            return self.filter(by_id | Q(member_number__startswith=digits))
        query = names_containing(text.split())
        title, rest = split_title(text)
        if title:
            query |= Q(title=title) & names_containing(rest.split())
        if " " not in text:
            # Stored in capitals as the registrars issue them; typed in either case.
            query |= Q(member_number__startswith=text) | Q(member_number__startswith=text.upper())
        return self.filter(query)


class NationalIdField(models.CharField):
    """The national ID, stored as its 13 digits whatever it was typed with.

    Every value is cleaned on its way in (full_clean, saving, bulk_create and exact lookups
    alike), and every model form reads it with NationalIdFormField, which no maxlength cuts.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_national_id(value) if value else value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NationalIdFormField, **kwargs})


class Member(models.Model):
    """A teacher or education staff member enrolled in the programme."""

    member_number = models.CharField(
        _("เลขทะเบียนสมาชิก"),
        max_length=20,
        unique=True,
        help_text=_("เลขที่นายทะเบียนกลุ่มใหญ่ออกให้ ไม่ซ้ำกันทั้งจังหวัด"),
    )
    title = models.CharField(_("คำนำหน้า"), max_length=30, choices=Title.choices)
    first_name = models.CharField(_("ชื่อ"), max_length=100, db_collation="thai")
    last_name = models.CharField(_("นามสกุล"), max_length=100, db_collation="thai")
    national_id = NationalIdField(
        _("เลขประจำตัวประชาชน"),
        max_length=13,
        unique=True,
        validators=[validate_national_id],
        help_text=_("13 หลัก พิมพ์ติดกันหรือคั่นด้วยขีดหรือเว้นวรรคตามบัตรก็ได้ (x-xxxx-xxxxx-xx-x)"),
        error_messages={"unique": _("มีสมาชิกที่ใช้เลขประจำตัวประชาชนนี้อยู่แล้ว")},
    )
    pay_unit = models.ForeignKey(
        PayUnit, verbose_name=_("หน่วยงานสังกัด"), on_delete=models.PROTECT, related_name="members"
    )
    phone = models.CharField(_("โทรศัพท์"), max_length=20, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    joined_on = models.DateField(_("วันที่เข้าร่วมโครงการ"))

    objects = MemberQuerySet.as_manager()

    history = audit.history()

    # Masked in every list, picker, history page and file (core.privacy).
    personal_data_fields = {
        "national_id": privacy.NATIONAL_ID,
        "phone": privacy.PHONE,
        "email": privacy.EMAIL,
    }

    class Meta:
        verbose_name = _("สมาชิก")
        verbose_name_plural = _("สมาชิก")
        ordering = ["first_name", "last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(national_id__length=13), name="member_national_id_13_digits"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MemberStatus.values), name="member_status_valid"
            ),
        ]
        # Every ordering of the member list walks an index (docs/members.md): the list's own
        # (name, then member number), and each sortable column with the id as its tie-break
        # (core.paginator.LargeTableChangeList). The name search's trigram indexes are
        # PostgreSQL's alone: members/migrations/0005.
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="member_name_idx"),
            models.Index(
                fields=["first_name", "last_name", "member_number"], name="member_list_order_idx"
            ),
            models.Index(fields=["status", "id"], name="member_status_order_idx"),
            models.Index(fields=["joined_on", "id"], name="member_joined_order_idx"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.title}{self.first_name} {self.last_name}"

    @property
    def choice_label(self) -> str:
        """How a member reads in the officers' pickers and messages: namesakes are told apart
        by member number, pay unit and the ID's last four digits (core.privacy). Admin only:
        public pages show names (`__str__`), never a digit of the ID."""
        parts = [self.full_name, self.member_number, self.pay_unit.name if self.pay_unit_id else ""]
        parts.append(privacy.mask_national_id(self.national_id))
        return LABEL_SEPARATOR.join(part for part in parts if part)
