from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from programmes import models


@admin.register(models.Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "gss_code"]
    search_fields = ["name", "gss_code"]


@admin.register(models.Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["name", "gss_code", "dfe_number", "region", "kind", "operational_from", "operational_to"]
    list_filter = ["region", "kind", ("operational_to", admin.EmptyFieldListFilter)]
    search_fields = ["name", "gss_code", "dfe_number"]
    filter_horizontal = ["successors"]
    prepopulated_fields = {"slug": ["name"]}


class SubJudgementInline(admin.TabularInline):
    model = models.OfstedSubJudgement
    extra = 0


@admin.register(models.OfstedJudgement)
class OfstedJudgementAdmin(SimpleHistoryAdmin):
    list_display = ["council", "framework", "inspected_on", "published_on", "overall_effectiveness"]
    list_filter = ["framework", "overall_effectiveness"]
    search_fields = ["council__name"]
    autocomplete_fields = ["council"]
    inlines = [SubJudgementInline]


@admin.register(models.SourceDocument)
class SourceDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "council", "body", "published_on"]
    list_filter = ["kind"]
    search_fields = ["title", "key"]


@admin.register(models.Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "funder", "starts_on", "ends_on"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "council", "joined_on", "left_on", "status"]
    list_filter = ["programme", "status"]
    autocomplete_fields = ["council"]


@admin.register(models.Funding)
class FundingAdmin(SimpleHistoryAdmin):
    list_display = ["council", "programme", "amount", "financial_year", "received_on", "description"]
    list_filter = ["programme"]
    autocomplete_fields = ["council"]


@admin.register(models.ImprovementPartnership)
class ImprovementPartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["supporting", "supported", "kind", "starts_on", "ends_on"]
    list_filter = ["kind"]
    autocomplete_fields = ["supporting", "supported"]


@admin.register(models.ComparisonGroup)
class ComparisonGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "owner"]
    list_filter = ["kind"]
    search_fields = ["name"]
    filter_horizontal = ["councils"]


@admin.register(models.Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "council"]
    list_filter = ["role"]
    autocomplete_fields = ["council", "user"]


@admin.register(models.CommitteeMeeting)
class CommitteeMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["council", "committee", "meets_on", "paper_url"]
    list_filter = ["committee"]
    search_fields = ["council__name", "committee"]
    autocomplete_fields = ["council"]
    date_hierarchy = "meets_on"
