/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_ZIP_LOCAL_H
#define DONDOC_ZIP_LOCAL_H

/* Reading one entry of a zip archive cut before its central directory
   (an attachment cut at the attachment size limit): the local file
   headers are walked from the start, the entry is inflated with zlib as
   a stream, and what was inflated before the cut is handed on. */

/* Called with each inflated chunk; returns 0 to go on, -1 to stop. */
typedef int dondoc_zip_local_feed_t(void *context, const void *data,
				    size_t size);

struct dondoc_zip_local_limits {
	/* local headers looked at before giving up */
	unsigned int max_entries;
	/* bytes inflated to skip entries whose size the local header does
	   not give (data descriptor), in all */
	size_t max_skip_bytes;
};

/* Find entry and feed its inflated bytes, in order, to feed. Returns 1
   when the entry was read to its end, 0 when the data ended (the cut)
   or feed stopped first, -1 when the entry was not found or cannot be
   read (*error_r says why). The feed is what counts the inflated bytes:
   a local header's sizes are not trusted. */
int dondoc_zip_local_read(const void *data, size_t size, const char *entry,
			  const struct dondoc_zip_local_limits *limits,
			  dondoc_zip_local_feed_t *feed, void *context,
			  const char **error_r);

#endif
