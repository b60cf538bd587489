"""Pages of results: a page size the client chooses up to a cap, and a cursor for the long lists."""

from rest_framework.pagination import CursorPagination, PageNumberPagination

MAX_PAGE_SIZE = 1000


class PagePagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class ReadingCursorPagination(CursorPagination):
    """Readings by id: a cursor stays right while figures are added, and costs the same on page 1,000."""

    ordering = "id"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
