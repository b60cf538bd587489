"""GOV.UK form pieces every app's forms use: the day-month-year date field and the error-summary mixin.

Messages follow the GOV.UK Design System's patterns, so each error links to the field it is about.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

MIN_YEAR, MAX_YEAR = 1900, 2100


class GovukDateWidget(forms.MultiWidget):
    """Three text boxes, day, month and year, posted as <name>_day, <name>_month, <name>_year."""

    is_govuk_date = True

    def __init__(self, attrs=None):
        widgets = {"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with GOV.UK's messages for each way it can be wrong."""

    widget = GovukDateWidget

    def __init__(self, *, what="the date", **kwargs):
        self.what = what
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, list | tuple) and len(value) == 3:
            return list(value)
        return ["", "", ""]

    def to_python(self, value):
        if isinstance(value, dt.date):
            return value
        parts = [str(p or "").strip() for p in (value if isinstance(value, list | tuple) else [None] * 3)][:3]
        parts += [""] * (3 - len(parts))
        if not any(parts):
            return None
        missing = [name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part]
        if missing:
            raise ValidationError(f"{self.what.capitalize()} must include a {' and '.join(missing)}")
        if not all(re.fullmatch(r"\d{1,4}", p) for p in parts) or len(parts[2]) != 4:
            raise ValidationError(f"{self.what.capitalize()} must be a real date, like 31 3 2018")
        day, month, year = (int(p) for p in parts)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValidationError(f"The year must be between {MIN_YEAR} and {MAX_YEAR}")
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValidationError(f"{self.what.capitalize()} must be a real date, like 31 3 2018") from None

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(f"Enter {self.what}")


class GovukFormMixin:
    """Error summary links (#field-id for each message) and a way to add a service's errors safely."""

    def anchor(self, name: str | None) -> str:
        if name not in self.fields:
            visible = self.visible_fields()
            return self.anchor(visible[0].name) if visible else "main-content"
        bound = self[name]
        widget = self.fields[name].widget
        if getattr(widget, "is_govuk_date", False):
            return f"{bound.auto_id}_day"
        if isinstance(widget, forms.RadioSelect):
            return f"{bound.auto_id}_0"
        return bound.auto_id

    def rows(self) -> list[tuple[str, object]]:
        """(how to draw it, bound field) for each field, so one template can lay out any of our forms."""
        rows = []
        for bound in self:
            widget = bound.field.widget
            if getattr(widget, "is_govuk_date", False):
                rows.append(("date", bound))
            elif isinstance(widget, forms.HiddenInput):
                rows.append(("hidden", bound))
            elif isinstance(widget, forms.RadioSelect):
                rows.append(("radios", bound))
            elif isinstance(widget, forms.Textarea):
                rows.append(("textarea", bound))
            elif isinstance(widget, forms.Select):
                rows.append(("select", bound))
            else:
                rows.append(("input", bound))
        return rows

    @property
    def error_links(self) -> list[tuple[str, str]]:
        links = [(self.anchor(None), str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            links += [(self.anchor(name), str(message)) for message in self.errors.get(name, [])]
        return links

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's ValidationError beside the fields it names; anything else on the form."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                target = name if name in self.fields and name != NON_FIELD_ERRORS else None
                for message in messages:
                    self.add_error(target, message)
        else:
            for message in error.messages:
                self.add_error(None, message)
