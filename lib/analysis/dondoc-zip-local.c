/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The local file headers of a cut zip archive (see dondoc-zip-local.h).
   Trusts nothing in them: a size is bounded by the bytes there are, an
   entry of unknown size is skipped by inflating it within a budget, the
   number of headers looked at is bounded, and the bytes inflated of the
   entry read are counted by the caller's feed, not taken from here. */

#include "lib.h"
#include "byteorder.h"
#include "dondoc-zip-local.h"

#include <zlib.h>

#define ZIP_LOCAL_SIGNATURE "PK\x03\x04"
#define ZIP_LOCAL_HEADER_SIZE 30
#define ZIP_FLAG_ENCRYPTED 0x0001
#define ZIP_FLAG_DATA_DESCRIPTOR 0x0008
#define ZIP_METHOD_STORED 0
#define ZIP_METHOD_DEFLATED 8
/* a 32-bit size field saying "see the zip64 extra field" */
#define ZIP_SIZE_IN_ZIP64 0xffffffffU
/* a data descriptor: signature, CRC and two sizes, 64-bit at most */
#define ZIP_DESCRIPTOR_MAX_SIZE 24
#define ZIP_LOCAL_CHUNK 16384

struct zip_local_header {
	const unsigned char *name;
	size_t name_len;
	uint16_t flags, method;
	/* the entry's data: from data, at most data_size bytes (the bytes
	   there are when the size is unknown or past the cut) */
	const unsigned char *data;
	size_t data_size;
	bool size_known;
};

static int zip_local_header_parse(const unsigned char *p, size_t left,
				  struct zip_local_header *hdr_r)
{
	uint32_t comp_size;
	size_t name_len, extra_len;

	if (left < ZIP_LOCAL_HEADER_SIZE ||
	    memcmp(p, ZIP_LOCAL_SIGNATURE, 4) != 0)
		return -1;
	name_len = le16_to_cpu_unaligned(p + 26);
	extra_len = le16_to_cpu_unaligned(p + 28);
	if (ZIP_LOCAL_HEADER_SIZE + name_len + extra_len > left)
		return -1;
	i_zero(hdr_r);
	hdr_r->flags = le16_to_cpu_unaligned(p + 6);
	hdr_r->method = le16_to_cpu_unaligned(p + 8);
	comp_size = le32_to_cpu_unaligned(p + 18);
	hdr_r->name = p + ZIP_LOCAL_HEADER_SIZE;
	hdr_r->name_len = name_len;
	hdr_r->data = hdr_r->name + name_len + extra_len;
	left -= ZIP_LOCAL_HEADER_SIZE + name_len + extra_len;
	hdr_r->size_known = (hdr_r->flags & ZIP_FLAG_DATA_DESCRIPTOR) == 0 &&
		comp_size != ZIP_SIZE_IN_ZIP64;
	hdr_r->data_size = hdr_r->size_known ? I_MIN(comp_size, left) : left;
	return 0;
}

/* Inflate raw deflate data, feeding at most max_out bytes. Returns 1 at
   the end of the stream, 0 when the input ran out (the cut), max_out
   was reached or feed stopped, -1 on corrupt data. *used_r is the input
   consumed. */
static int zip_local_inflate(const unsigned char *data, size_t size,
			     size_t max_out, dondoc_zip_local_feed_t *feed,
			     void *context, size_t *used_r)
{
	unsigned char buf[ZIP_LOCAL_CHUNK];
	size_t produced, total = 0;
	z_stream zs;
	int zret, ret = 0;

	i_zero(&zs);
	if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
		i_fatal_status(FATAL_OUTOFMEM, "inflateInit2() failed");
	/* an entry is at most the attachment limit: it fits an uInt */
	zs.next_in = (unsigned char *)data;
	zs.avail_in = I_MIN(size, (uInt)-1);
	while (total < max_out) {
		zs.next_out = buf;
		zs.avail_out = I_MIN(sizeof(buf), max_out - total);
		zret = inflate(&zs, Z_NO_FLUSH);
		produced = zs.next_out - buf;
		total += produced;
		if (produced > 0 && feed(context, buf, produced) < 0)
			break;
		if (zret == Z_STREAM_END) {
			ret = 1;
			break;
		}
		if (zret == Z_BUF_ERROR || (zret == Z_OK && produced == 0 &&
					    zs.avail_in == 0))
			break;
		if (zret != Z_OK) {
			ret = -1;
			break;
		}
	}
	*used_r = zs.total_in;
	(void)inflateEnd(&zs);
	return ret;
}

static int zip_local_skip_feed(void *context ATTR_UNUSED,
			       const void *data ATTR_UNUSED,
			       size_t size ATTR_UNUSED)
{
	return 0;
}

/* The offset of the header after hdr's entry, or -1 when there is none
   to be found (the cut, or an entry that cannot be skipped). */
static int zip_local_skip(const unsigned char *start, size_t size,
			  const struct zip_local_header *hdr,
			  size_t *skip_budget, size_t *next_r)
{
	const unsigned char *end = start + size, *p;
	size_t used;

	if (hdr->size_known) {
		*next_r = (hdr->data - start) + hdr->data_size;
		return 0;
	}
	if (hdr->method != ZIP_METHOD_DEFLATED)
		return -1;
	/* no size given: the deflate stream says where it ends */
	if (zip_local_inflate(hdr->data, hdr->data_size, *skip_budget,
			      zip_local_skip_feed, NULL, &used) <= 0)
		return -1;
	*skip_budget -= I_MIN(*skip_budget, used);
	/* the data descriptor, with or without its signature, 32 or 64-bit
	   sizes: the next header is where its signature is */
	for (p = hdr->data + used;
	     p < end - 4 && p <= hdr->data + used + ZIP_DESCRIPTOR_MAX_SIZE;
	     p++) {
		if (memcmp(p, ZIP_LOCAL_SIGNATURE, 4) == 0) {
			*next_r = p - start;
			return 0;
		}
	}
	return -1;
}

static int zip_local_read_entry(const struct zip_local_header *hdr,
				dondoc_zip_local_feed_t *feed, void *context,
				const char **error_r)
{
	size_t pos, n, used;
	int ret;

	if ((hdr->flags & ZIP_FLAG_ENCRYPTED) != 0) {
		*error_r = "office document: encrypted entry";
		return -1;
	}
	if (hdr->method == ZIP_METHOD_STORED && hdr->size_known) {
		for (pos = 0; pos < hdr->data_size; pos += n) {
			n = I_MIN(ZIP_LOCAL_CHUNK, hdr->data_size - pos);
			if (feed(context, hdr->data + pos, n) < 0)
				return 0;
		}
		return hdr->data_size == 0 ? 1 : 0;
	}
	if (hdr->method != ZIP_METHOD_DEFLATED) {
		*error_r = "office document: unsupported compression";
		return -1;
	}
	ret = zip_local_inflate(hdr->data, hdr->data_size, SIZE_MAX,
				feed, context, &used);
	if (ret < 0)
		*error_r = "office document: corrupt archive";
	return ret;
}

int dondoc_zip_local_read(const void *data, size_t size, const char *entry,
			  const struct dondoc_zip_local_limits *limits,
			  dondoc_zip_local_feed_t *feed, void *context,
			  const char **error_r)
{
	const unsigned char *start = data;
	struct zip_local_header hdr;
	size_t pos = 0, entry_len = strlen(entry);
	size_t skip_budget = limits->max_skip_bytes;
	unsigned int count;

	for (count = 0; count < limits->max_entries; count++) {
		if (zip_local_header_parse(start + pos, size - pos, &hdr) < 0)
			break;
		if (hdr.name_len == entry_len &&
		    memcmp(hdr.name, entry, entry_len) == 0)
			return zip_local_read_entry(&hdr, feed, context,
						    error_r);
		if (zip_local_skip(start, size, &hdr, &skip_budget, &pos) < 0)
			break;
	}
	*error_r = count == limits->max_entries ?
		"office document: entry count limit reached" :
		"office document: not a zip archive";
	return -1;
}
