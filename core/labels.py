"""Choice labels: how a record reads where an officer picks it, so namesakes can be told apart.

A model whose `__str__` is not enough to choose by (two schools of one name, three members
called นางมาลี ชัยมงคล) gives a `choice_label` property, and its QuerySet a `labelled()`
method that loads what the label reads (select_related), so that a picker costs the same
number of queries with three choices or three hundred. Every admin form field pointing at
such a model uses the fields below (core.admin), as do the site's autocomplete results
(portal.admin_site); other apps' hand-made pickers use them too.
"""

from django import forms


def has_choice_label(model) -> bool:
    return hasattr(model, "choice_label")


def labelled(queryset):
    """The queryset with what its records' labels read, when the model has labels."""
    return queryset.labelled() if hasattr(queryset, "labelled") else queryset


def choice_label(obj) -> str:
    return str(obj.choice_label) if has_choice_label(obj) else str(obj)


class ChoiceLabelMixin:
    def _set_queryset(self, queryset):
        # Every queryset given to the field, also one set after the form was built.
        super()._set_queryset(None if queryset is None else labelled(queryset))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj):
        return choice_label(obj)


class ChoiceLabelField(ChoiceLabelMixin, forms.ModelChoiceField):
    """A select (or the admin's autocomplete) whose options read by their choice label."""


class ChoiceLabelMultipleField(ChoiceLabelMixin, forms.ModelMultipleChoiceField):
    """Checkboxes or a multiple select whose options read by their choice label."""
