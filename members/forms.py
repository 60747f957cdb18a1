"""Form fields of the members app: the national ID as people type it."""

from django import forms

from .validators import normalize_national_id, validate_national_id


class NationalIdFormField(forms.CharField):
    """Takes the ID as printed on the card (3-6201-01205-67-7) and cleans it to its 13 digits.

    It has no maxlength: the browser would cut a typed or pasted 17 characters at the stored
    13 without a word, and the ID's own rule says what is wrong with a long one ("ต้องมี 13
    หลัก (กรอกมา 14 หลัก)").
    """

    default_validators = [validate_national_id]

    def __init__(self, *, max_length=None, **kwargs):
        # max_length is the stored length, which the model field passes on; see the docstring.
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_national_id(value) if value else value
