"""Full-text search over events, commentary and sources, on PostgreSQL or SQLite.

Entry point: `search.service.Search` (archive/views/search.py shows how it is built). The index (models.py) is
kept in sync by signals.py and rebuilt by `manage.py rebuild_search_index`.
"""
