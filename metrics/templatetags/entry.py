"""What the signed-in user may do to a council's data, for templates (which cannot call access.can_edit(council))."""

from django import template

from programmes.access import access_for

register = template.Library()


@register.simple_tag(takes_context=True)
def entry_permissions(context, council):
    """{% entry_permissions council as perms %}: perms.can_edit, perms.approves, perms.can_see_drafts."""
    access = context.get("access") or access_for(context["request"].user)
    if council is None:
        return {"can_edit": False, "approves": False, "can_see_drafts": False}
    return {
        "can_edit": access.can_edit(council),
        "approves": access.approves(council),
        "can_see_drafts": access.can_see_drafts(council),
    }
