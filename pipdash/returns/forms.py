from metrics.entry.forms import ReturnForm as FigureReturnForm


class ReturnForm(FigureReturnForm):
    """The figure's return form, worded for a progress update or a milestone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.label = "Why are you returning it?"
        reason.help_text = "The programme manager sees this beside it."
        reason.error_messages["required"] = "Enter why you are returning it, so the manager can fix it"
