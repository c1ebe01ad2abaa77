/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* bench-analysis FILE...: analysis throughput against Dovecot's bare
   message-parser + message-decoder over the same bytes in the same run.
   Each file is read once into memory; both loops go over all of them
   until at least BENCH_MIN_BYTES have been processed. Prints MB/s,
   messages/s, the ratio, and the process's peak RSS. PDF and .doc mail
   (file names with "pdf" or "doc-") is timed apart, per message, with the
   share of wall-clock time spent in the out-of-process extractor
   ($DONDOC_BENCH_EXTRACTOR, default extract/dondoc-extract of the build
   directory; $DONDOC_BENCH_RUNS rounds, default 20). Not a test: run it
   with `make bench`. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "istream.h"
#include "message-parser.h"
#include "message-decoder.h"
#include "dondoc-analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>

/* DONDOC_BENCH_MB overrides */
#define BENCH_MIN_BYTES (200ULL * 1024 * 1024)

struct bench_msg {
	const unsigned char *data;
	size_t size;
};
ARRAY_DEFINE_TYPE(bench_msg, struct bench_msg);

static double now_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void bare_decode(const struct bench_msg *msg)
{
	const struct message_parser_settings set = {
		.hdr_flags = MESSAGE_HEADER_PARSER_FLAG_CLEAN_ONELINE,
	};
	struct message_parser_ctx *parser;
	struct message_decoder_context *decoder;
	struct message_block block, decoded;
	struct message_part *parts;
	struct istream *input;
	pool_t pool = pool_alloconly_create("bench parts", 4096);

	input = i_stream_create_from_data(msg->data, msg->size);
	parser = message_parser_init(pool, input, &set);
	decoder = message_decoder_init(NULL, 0);
	while (message_parser_parse_next_block(parser, &block) > 0) {
		if (block.hdr != NULL && block.hdr->continues)
			block.hdr->use_full_value = TRUE;
		(void)message_decoder_decode_next_block(decoder, &block,
							&decoded);
	}
	message_decoder_deinit(&decoder);
	message_parser_deinit(&parser, &parts);
	i_stream_unref(&input);
	pool_unref(&pool);
}

static struct dondoc_limits bench_limits;
static uint64_t bench_extract_usecs;

static void analyze(const struct bench_msg *msg)
{
	struct dondoc_analysis *analysis;
	struct istream *input;
	const char *error;
	pool_t pool = pool_alloconly_create("bench analysis", 4096);

	input = i_stream_create_from_data(msg->data, msg->size);
	if (dondoc_analyze_stream(input, &bench_limits, pool,
				  &analysis, &error) < 0)
		i_fatal("analysis failed: %s", error);
	bench_extract_usecs += analysis->extract_usecs;
	i_stream_unref(&input);
	pool_unref(&pool);
}

static void bench_run(const char *name, const ARRAY_TYPE(bench_msg) *msgs,
		      void (*fn)(const struct bench_msg *), double *mbs_r)
{
	const struct bench_msg *msg;
	unsigned long long bytes = 0, count = 0, min = BENCH_MIN_BYTES;
	double start = now_secs(), secs;
	const char *env = getenv("DONDOC_BENCH_MB");

	if (env != NULL)
		min = strtoull(env, NULL, 10) * 1024 * 1024;
	while (bytes < min) {
		array_foreach(msgs, msg) T_BEGIN {
			fn(msg);
			bytes += msg->size;
			count++;
		} T_END;
	}
	secs = now_secs() - start;
	*mbs_r = bytes / secs / 1e6;
	printf("%-22s %8.1f MB/s %10.0f msgs/s (%llu msgs, %.1f MB, %.2f s)\n",
	       name, *mbs_r, count / secs, count, bytes / 1e6, secs);
}

static void bench_set(const char *title, const ARRAY_TYPE(bench_msg) *msgs)
{
	double bare, ana;

	if (array_count(msgs) == 0)
		return;
	printf("%s (%u messages)\n", title, array_count(msgs));
	bench_run("  bare parse+decode", msgs, bare_decode, &bare);
	bench_run("  dondoc analysis", msgs, analyze, &ana);
	printf("  ratio analysis/bare: %.0f%%\n", ana / bare * 100);
}

/* PDF and .doc mail: a fork and exec per attachment, so per message */
static void bench_office(const ARRAY_TYPE(bench_msg) *msgs)
{
	const struct bench_msg *msg;
	const char *env = getenv("DONDOC_BENCH_RUNS");
	unsigned int runs = env == NULL ? 20 : atoi(env), i, count = 0;
	double start, secs, bare_start, bare_secs;

	if (array_count(msgs) == 0 || runs == 0)
		return;
	printf("PDF and .doc mail (%u messages, %u rounds, extractor %s)\n",
	       array_count(msgs), runs, bench_limits.extract.path);
	bare_start = now_secs();
	for (i = 0; i < runs; i++) {
		array_foreach(msgs, msg) T_BEGIN {
			bare_decode(msg);
		} T_END;
	}
	bare_secs = now_secs() - bare_start;
	bench_extract_usecs = 0;
	start = now_secs();
	for (i = 0; i < runs; i++) {
		array_foreach(msgs, msg) T_BEGIN {
			analyze(msg);
			count++;
		} T_END;
	}
	secs = now_secs() - start;
	printf("  bare parse+decode     %8.3f ms/msg\n", bare_secs * 1000 / count);
	printf("  dondoc analysis       %8.3f ms/msg, %.0f%% of it in the "
	       "extractor (%.3f ms/msg)\n", secs * 1000 / count,
	       bench_extract_usecs / 1e6 / secs * 100,
	       bench_extract_usecs / 1e3 / count);
}

/* the only function callgrind collects in (--toggle-collect) */
static void __attribute__((noinline))
bench_counted(void (*fn)(const struct bench_msg *),
	      const struct bench_msg *msg, unsigned int rounds)
{
	unsigned int i;

	for (i = 0; i < rounds; i++) T_BEGIN {
		fn(msg);
	} T_END;
}

static void bench_read_file(const char *path, struct bench_msg *msg_r)
{
	struct istream *input = i_stream_create_file(path, 65536);
	buffer_t *buf = buffer_create_dynamic(default_pool, 65536);
	const unsigned char *data;
	size_t size;

	while (i_stream_read_more(input, &data, &size) > 0) {
		buffer_append(buf, data, size);
		i_stream_skip(input, size);
	}
	if (input->stream_errno != 0)
		i_fatal("read(%s): %s", path, i_stream_get_error(input));
	i_stream_unref(&input);
	/* the buffer lives until exit */
	msg_r->data = buf->data;
	msg_r->size = buf->used;
}

static int bench_count_main(int argc, char *argv[])
{
	struct bench_msg msg;
	unsigned int rounds;

	if (argc != 5 || str_to_uint(argv[3], &rounds) < 0 || rounds == 0)
		i_fatal("Usage: bench-analysis --count bare|analysis ROUNDS FILE");
	bench_read_file(argv[4], &msg);
	/* one round outside the count: first-use costs (the data stack's
	   growth, lazily built tables) are not per message */
	if (strcmp(argv[2], "bare") == 0) {
		T_BEGIN { bare_decode(&msg); } T_END;
		bench_counted(bare_decode, &msg, rounds);
	} else if (strcmp(argv[2], "analysis") == 0) {
		T_BEGIN { analyze(&msg); } T_END;
		bench_counted(analyze, &msg, rounds);
	} else {
		i_fatal("--count: bare or analysis, not %s", argv[2]);
	}
	return 0;
}

int main(int argc, char *argv[])
{
	ARRAY_TYPE(bench_msg) all, text, office;
	struct rusage ru;
	int i;

	lib_init();
	bench_limits = dondoc_limits_default;
	bench_limits.extract.path = getenv("DONDOC_BENCH_EXTRACTOR") != NULL ?
		getenv("DONDOC_BENCH_EXTRACTOR") : "extract/dondoc-extract";
	if (argc > 1 && strcmp(argv[1], "--count") == 0)
		return bench_count_main(argc, argv);
	if (argc < 2)
		i_fatal("Usage: bench-analysis FILE...");
	i_array_init(&all, 16);
	i_array_init(&text, 16);
	i_array_init(&office, 8);
	for (i = 1; i < argc; i++) {
		struct bench_msg msg;
		const char *base;

		bench_read_file(argv[i], &msg);
		base = strrchr(argv[i], '/');
		base = base == NULL ? argv[i] : base + 1;
		if (strstr(base, "pdf") != NULL ||
		    strstr(base, "doc-") != NULL) {
			array_push_back(&office, &msg);
			continue;
		}
		array_push_back(&all, &msg);
		/* text mail: no office attachment */
		if (strstr(argv[i], "docx") == NULL &&
		    strstr(argv[i], "odt") == NULL)
			array_push_back(&text, &msg);
	}
	bench_set("text mail", &text);
	bench_set("whole corpus but PDF/.doc", &all);
	bench_office(&office);
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		printf("peak RSS: %ld kB\n", ru.ru_maxrss);
	return 0;
}
