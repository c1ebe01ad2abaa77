/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef CLI_LISTING_H
#define CLI_LISTING_H

/* Row output for listings that may run to a million rows: one buffer
   reused for every row and written to stdout in large chunks, and the
   row's fields formatted without printf. Each formatter writes exactly
   the bytes its printf / json_append_escaped() form wrote
   (tests/cli/test_task_list_output.py holds them to it). */

struct dondoc_date;
struct dondoc_period;

/* Rows gather in the buffer until this much is held, then go out in one
   write (bounded: a row is at most a few KB, the buffer this plus one). */
#define CLI_LISTING_FLUSH_SIZE (64 * 1024)

/* A listing's buffer, from the default pool (it outlives the per-row
   data stack frames). */
string_t *cli_listing_init(void);
/* After each row: writes the buffer out once it holds FLUSH_SIZE. */
void cli_listing_row_end(string_t *out);
/* Writes what is left and frees the buffer. */
void cli_listing_deinit(string_t **_out);

/* "%04d-%02d-%02d" */
void cli_append_date(string_t *dest, const struct dondoc_date *date);
/* "%c:%d:%d", nothing for no period (dondoc_period_to_str()) */
void cli_append_period(string_t *dest, const struct dondoc_period *period);
/* str_append(), "(null)" for NULL as printf's %s writes it */
void cli_append_text(string_t *dest, const char *value);
/* json_append_escaped(), with spans of bytes that need no escaping
   (printable ASCII, well-formed UTF-8 other than U+2028/U+2029)
   copied at once; everything else goes to json_append_escaped_data()
   one character (or invalid byte) at a time, so it decides. */
void cli_json_append_escaped(string_t *dest, const char *value);

#endif
