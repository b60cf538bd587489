"""The schema states every answer the API gives: besides each operation's own, the refusals that any
operation may give (not signed in, not allowed, not found, a bad filter, too many requests)."""

from drf_spectacular.openapi import AutoSchema

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "description": "What was wrong; a bad filter names its field instead: {\"field\": [\"message\"]}",
}
COMMON_REFUSALS = {
    "400": "A filter or a page size is not valid",
    "401": "No token, or a token revoked, expired or unknown",
    "403": "Signed in, but not allowed to do this",
    "404": "No such record, or page, that you may see",
    "429": "Too many requests from this token: wait for Retry-After seconds",
}


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in COMMON_REFUSALS.items():
            responses.setdefault(
                code, {"description": description, "content": {"application/json": {"schema": DETAIL}}}
            )
        # An address with a NUL byte is refused before any view, in plain text (pipdash/middleware.py).
        responses["400"].setdefault("content", {}).setdefault("text/plain", {"schema": {"type": "string"}})
        return responses
