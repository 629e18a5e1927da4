DROP INDEX archive_searchdoc_vector_rum;
DROP EXTENSION rum;
SELECT extname FROM pg_extension;
