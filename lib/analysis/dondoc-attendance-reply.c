/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The reader of replies about attending a meeting (see
   dondoc-attendance-reply.h): the writer's own words are cut from the
   quote, folded, and searched for the phrases of consent, delegation and
   absence, in that order (a consent names the absence it allows; a
   delegation usually says the member cannot come). The phrases are
   matched within one sentence, at word boundaries, so that "vắng" in
   another sense ("vắng khách", "đường vắng") and "cử" inside a word
   ("căn cứ") say nothing. Trusts the text to be NFC UTF-8; every scan is
   linear in DONDOC_ATTENDANCE_MAX_TEXT. */

#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include "unichar.h"
#include <ctype.h>
#include "dondoc-text.h"
#include "dondoc-charset.h"
#include "dondoc-committee-private.h"
#include "dondoc-attendance-reply.h"
#include "dondoc-attendance-reply-private.h"

/* Folded bytes a phrase looks back and ahead within its sentence. */
#define REPLY_LOOK_BEHIND 60
#define REPLY_LOOK_AHEAD 200

static const char *const reply_consent_words[] = {
	"DONG Y", "CHAP THUAN", "CHAP NHAN", "CHO PHEP",
};
/* Each phrase of the lists below holds one of reply_anchor_words
   (dondoc-attendance-reply-gate.c). */
/* Words before "đồng ý" that make it a request, not a consent. */
static const char *const reply_asking_words[] = {
	"DE NGHI", "XIN", "MONG", "KINH TRINH", "NEU",
};
static const char *const reply_consent_objects[] = {
	"VANG", "DU THAY", "HOP THAY", "THAM DU THAY", "UY QUYEN",
	"KHONG THAM DU", "THAM GIA THAY",
};
static const char *const reply_delegate_words[] = {
	"DU HOP THAY", "THAM DU THAY", "THAM GIA THAY", "DU THAY",
	"HOP THAY", "DI THAY",
};
/* Where a delegate's name ends. */
static const char *const reply_name_ends[] = {
	"DU HOP", "THAM DU", "DU THAY", "THAM GIA", "DI HOP", "DI DU",
	"DU CUOC", "DU", "LAM DAI DIEN", "SE",
};
static const char *const reply_absent_words[] = {
	"XIN PHEP DUOC VANG", "XIN PHEP VANG", "XIN DUOC VANG", "XIN VANG",
	"BAO VANG", "DUOC VANG MAT", "XIN PHEP KHONG THAM DU",
	"XIN KHONG THAM DU", "KHONG THE THAM DU", "KHONG THE DU HOP",
	"KHONG THAM DU DUOC", "KHONG DU HOP DUOC", "KHONG THE THAM GIA",
	"KHONG THE DU",
};
/* "vắng mặt" alone counts with one of these before it in its sentence. */
static const char *const reply_absent_helpers[] = {
	"XIN", "BAO CAO", "DE NGHI", "KHONG THE", "SE", "PHAI",
};
static const char *const reply_context_words[] = {
	"HOP", "GIAY MOI", "TRIEU TAP",
};

/* The committee's own documents that speak of absence and delegation
   without being a reply about it: minutes record them, notices and
   conclusions ask or allow them. */
static const char *const reply_not_reply_types[] = {
	"BB", "GM", "TB", "KH", "QĐ",
};

bool dondoc_attendance_reply_part_is_reply(const struct dondoc_document *docs,
					   unsigned int count)
{
	unsigned int i, j;

	for (i = 0; i < count; i++) {
		if (docs[i].quoted || docs[i].type == NULL)
			continue;
		if (docs[i].meeting != NULL || docs[i].attendance != NULL)
			return FALSE;
		for (j = 0; j < N_ELEMENTS(reply_not_reply_types); j++) {
			if (strcmp(docs[i].type, reply_not_reply_types[j]) == 0)
				return FALSE;
		}
	}
	return TRUE;
}

const char *dondoc_attendance_kind_name(enum dondoc_attendance_kind kind)
{
	switch (kind) {
	case DONDOC_ATTENDANCE_NONE:
		break;
	case DONDOC_ATTENDANCE_ABSENT:
		return "absent";
	case DONDOC_ATTENDANCE_DELEGATE:
		return "delegate";
	case DONDOC_ATTENDANCE_CONSENT:
		return "consent";
	}
	return NULL;
}

enum dondoc_attendance_kind dondoc_attendance_kind_parse(const char *name)
{
	if (name == NULL)
		return DONDOC_ATTENDANCE_NONE;
	if (strcmp(name, "absent") == 0)
		return DONDOC_ATTENDANCE_ABSENT;
	if (strcmp(name, "delegate") == 0)
		return DONDOC_ATTENDANCE_DELEGATE;
	if (strcmp(name, "consent") == 0)
		return DONDOC_ATTENDANCE_CONSENT;
	return DONDOC_ATTENDANCE_NONE;
}

/* The writer's own words: unquoted lines up to the mail answered,
   at most DONDOC_ATTENDANCE_MAX_TEXT bytes. */
static const char *reply_own_words(const char *text, size_t size,
				   size_t *len_r)
{
	string_t *own = t_str_new(I_MIN(size, DONDOC_ATTENDANCE_MAX_TEXT) + 1);
	const char *p = text, *end = text + size;
	struct reply_line line;

	while (p < end && str_len(own) < DONDOC_ATTENDANCE_MAX_TEXT) {
		reply_line_read(p, end, &line);
		if (line.starts_quote)
			break;
		if (!line.quoted) {
			str_append_data(own, p, I_MIN(line.len,
				DONDOC_ATTENDANCE_MAX_TEXT - str_len(own)));
			if (str_len(own) < DONDOC_ATTENDANCE_MAX_TEXT)
				str_append_c(own, '\n');
		}
		if (line.next == NULL)
			break;
		p = line.next;
	}
	/* never a character cut in two (valid by RFC 3629 is valid for
	   Dovecot too: its check only runs on what fails the fast one) */
	while (str_len(own) > 0 &&
	       !dondoc_utf8_is_valid(str_data(own), str_len(own)) &&
	       !uni_utf8_data_is_valid(str_data(own), str_len(own)))
		str_truncate(own, str_len(own) - 1);
	*len_r = str_len(own);
	return str_c(own);
}

/* Where the sentence around folded offset at begins and ends: '.' or
   ';' before a space or line end, or an empty line. */
static size_t reply_sentence_start(const struct cmt_fold *fv, size_t at)
{
	size_t i = at;

	while (i > 0) {
		char c = fv->f[i-1];

		if ((c == '.' || c == ';' || c == '!' || c == '?') &&
		    i < fv->flen && (fv->f[i] == ' ' || fv->f[i] == '\n'))
			break;
		if (c == '\n' && i >= 2 && (fv->f[i-2] == '\n' ||
					    fv->f[i-2] == ',' ||
					    fv->f[i-2] == ':'))
			break;
		i--;
	}
	return i;
}

static size_t reply_sentence_end(const struct cmt_fold *fv, size_t at)
{
	size_t i;

	for (i = at; i < fv->flen; i++) {
		char c = fv->f[i];

		if ((c == '.' || c == ';' || c == '!' || c == '?') &&
		    (i + 1 == fv->flen || fv->f[i+1] == ' ' ||
		     fv->f[i+1] == '\n'))
			break;
		if (c == '\n' && i + 1 < fv->flen && fv->f[i+1] == '\n')
			break;
		if (c == '\n' && i > 0 && (fv->f[i-1] == ',' ||
					  fv->f[i-1] == ':'))
			break;
	}
	return i;
}

/* The first word at a word boundary in [from, to), (size_t)-1 when none:
   cmt_fold_find() bounded, so that a scan per sentence stays within the
   sentence. */
static size_t reply_find(const struct cmt_fold *fv, size_t from, size_t to,
			 const char *word)
{
	size_t n = strlen(word), at;
	const char *p;

	if (to > fv->flen)
		to = fv->flen;
	while (from + n <= to &&
	       (p = memchr(fv->f + from, word[0], to - from - n + 1)) != NULL) {
		at = p - fv->f;
		if (memcmp(p, word, n) == 0 && cmt_fold_word_at(fv, at, word))
			return at;
		from = at + 1;
	}
	return (size_t)-1;
}

/* The first of words at a word boundary in [from, to), (size_t)-1 when
   none; *which_r the word. */
static size_t reply_find_any(const struct cmt_fold *fv, size_t from,
			     size_t to, const char *const *words,
			     unsigned int count, const char **which_r)
{
	size_t best = (size_t)-1, at;
	unsigned int i;

	for (i = 0; i < count; i++) {
		at = reply_find(fv, from, to, words[i]);
		if (at != (size_t)-1 &&
		    (best == (size_t)-1 || at < best)) {
			best = at;
			if (which_r != NULL)
				*which_r = words[i];
		}
	}
	return best;
}

/* The text as written of folded [from, to), trimmed of spaces and
   ",;:.-–" at both ends; NULL when empty or longer than max. */
static const char *reply_span(pool_t pool, const struct cmt_fold *fv,
			      size_t from, size_t to, size_t max)
{
	const char *s;
	size_t a, b;
	string_t *str;

	if (to > fv->flen)
		to = fv->flen;
	if (from >= to)
		return NULL;
	a = fv->map[from];
	b = fv->map[to];
	s = fv->s;
	while (a < b && strchr(" \t\r\n,;:.-", s[a]) != NULL)
		a++;
	for (;;) {
		if (b > a && strchr(" \t\r\n,;:.-()", s[b-1]) != NULL)
			b--;
		else if (b >= a + 3 && memcmp(s + b - 3, "\xe2\x80\x93", 3) == 0)
			b -= 3;	/* – */
		else
			break;
	}
	if (b <= a)
		return NULL;
	str = t_str_new(b - a + 1);
	for (; a < b; a++)
		str_append_c(str, s[a] == '\n' || s[a] == '\t' ? ' ' : s[a]);
	if (str_len(str) > max)
		str_truncate_utf8(str, max);
	return p_strdup(pool, str_c(str));
}

/* A word of words within [from, to) of the sentence. */
static bool reply_has_any(const struct cmt_fold *fv, size_t from, size_t to,
			  const char *const *words, unsigned int count)
{
	return reply_find_any(fv, from, to, words, count, NULL) != (size_t)-1;
}

/* The delegate named after "cử" / "ủy quyền (cho)" at name_at: up to
   the verb of attending, within the sentence. */
static const char *reply_name_after(pool_t pool, const struct cmt_fold *fv,
				    size_t name_at, size_t end)
{
	size_t stop;

	name_at = cmt_fold_skip_spaces(fv, name_at);
	stop = reply_find_any(fv, name_at + 1, end, reply_name_ends,
			      N_ELEMENTS(reply_name_ends), NULL);
	return reply_span(pool, fv, name_at, stop == (size_t)-1 ? end : stop,
			  DONDOC_ATTENDANCE_MAX_DELEGATE);
}

/* The delegate named before "dự thay" at at: from the last "ông", "bà",
   "đồng chí" of the sentence. */
static const char *reply_name_before(pool_t pool, const struct cmt_fold *fv,
				     size_t start, size_t at)
{
	static const char *const heads[] = { "ONG", "BA", "DONG CHI", "DC" };
	size_t from = start, hit, best = (size_t)-1, stop;
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(heads); i++) {
		from = start;
		while ((hit = reply_find(fv, from, at, heads[i])) !=
		       (size_t)-1) {
			if (best == (size_t)-1 || hit > best)
				best = hit;
			from = hit + 1;
		}
	}
	if (best == (size_t)-1)
		return NULL;
	stop = reply_find_any(fv, best + 1, at + 1, reply_name_ends,
			      N_ELEMENTS(reply_name_ends), NULL);
	return reply_span(pool, fv, best, stop == (size_t)-1 ? at : stop,
			  DONDOC_ATTENDANCE_MAX_DELEGATE);
}

/* "cử <person>", "ủy quyền (cho) <person>" in [start, end) followed by a
   verb of attending: the name's folded offset, else (size_t)-1. */
static size_t reply_sends_someone(const struct cmt_fold *fv, size_t start,
				  size_t end)
{
	size_t at, name;

	for (at = start; (at = reply_find(fv, at, end, "CU")) != (size_t)-1;
	     at++) {
		/* "căn cứ", "cử tri": not sending anyone */
		if (at >= 4 && memcmp(fv->f + at - 4, "CAN ", 4) == 0)
			continue;
		name = cmt_fold_skip_spaces(fv, at + 2);
		if (reply_find_any(fv, name, I_MIN(name + 12, end),
				   reply_person_words,
				   reply_person_words_count,
				   NULL) == name &&
		    reply_has_any(fv, name, end, reply_name_ends,
				  N_ELEMENTS(reply_name_ends) - 1))
			return name;
	}
	at = reply_find(fv, start, end, "UY QUYEN");
	if (at != (size_t)-1) {
		name = cmt_fold_skip_spaces(fv, at + 8);
		if (cmt_fold_word_at(fv, name, "CHO"))
			name = cmt_fold_skip_spaces(fv, name + 3);
		if (reply_has_any(fv, name, end, reply_name_ends,
				  N_ELEMENTS(reply_name_ends) - 1))
			return name;
	}
	return (size_t)-1;
}

/* A delegation in the sentence [start, end): TRUE, with the name. */
static bool reply_delegation(pool_t pool, const struct cmt_fold *fv,
			     size_t start, size_t end,
			     struct dondoc_attendance_reply *reply)
{
	size_t name, at;
	const char *word;

	name = reply_sends_someone(fv, start, end);
	if (name != (size_t)-1) {
		reply->delegate = reply_name_after(pool, fv, name, end);
		return TRUE;
	}
	at = reply_find_any(fv, start, end, reply_delegate_words,
			    N_ELEMENTS(reply_delegate_words), &word);
	if (at == (size_t)-1)
		return FALSE;
	reply->delegate = reply_name_before(pool, fv, start, at);
	return TRUE;
}

static bool reply_consent(pool_t pool, const struct cmt_fold *fv,
			  struct dondoc_attendance_reply *reply)
{
	size_t at, start, end, look;
	const char *word;

	for (at = 0; (at = reply_find_any(fv, at, fv->flen,
					  reply_consent_words,
					  N_ELEMENTS(reply_consent_words),
					  &word)) != (size_t)-1; at++) {
		start = reply_sentence_start(fv, at);
		end = reply_sentence_end(fv, at);
		look = at - start > REPLY_LOOK_BEHIND ?
			at - REPLY_LOOK_BEHIND : start;
		if (reply_has_any(fv, look, at, reply_asking_words,
				  N_ELEMENTS(reply_asking_words)))
			continue;
		if (!reply_has_any(fv, at, I_MIN(end, at + REPLY_LOOK_AHEAD),
				   reply_consent_objects,
				   N_ELEMENTS(reply_consent_objects)))
			continue;
		reply->kind = DONDOC_ATTENDANCE_CONSENT;
		(void)reply_delegation(pool, fv, at, end, reply);
		reply->words = reply_span(pool, fv, start, end,
					  DONDOC_MAX_FIELD_BYTES);
		return TRUE;
	}
	return FALSE;
}

static bool reply_absence(pool_t pool, const struct cmt_fold *fv,
			  struct dondoc_attendance_reply *reply)
{
	size_t at, start, end, best_start = 0, best_end = 0;
	bool absent = FALSE;

	/* a delegation anywhere wins: it says who comes */
	for (at = 0; at < fv->flen; at = end + 1) {
		start = reply_sentence_start(fv, at);
		end = reply_sentence_end(fv, at);
		if (reply_delegation(pool, fv, start, end, reply)) {
			reply->kind = DONDOC_ATTENDANCE_DELEGATE;
			reply->words = reply_span(pool, fv, start, end,
						  DONDOC_MAX_FIELD_BYTES);
			return TRUE;
		}
		if (absent)
			continue;
		if (reply_has_any(fv, start, end, reply_absent_words,
				  N_ELEMENTS(reply_absent_words)))
			absent = TRUE;
		else {
			size_t v = reply_find(fv, start, end, "VANG MAT");

			absent = v != (size_t)-1 &&
				reply_has_any(fv, start, v,
					      reply_absent_helpers,
					      N_ELEMENTS(reply_absent_helpers));
		}
		if (absent) {
			best_start = start;
			best_end = end;
		}
	}
	if (!absent)
		return FALSE;
	reply->kind = DONDOC_ATTENDANCE_ABSENT;
	reply->words = reply_span(pool, fv, best_start, best_end,
				  DONDOC_MAX_FIELD_BYTES);
	return TRUE;
}

static bool reply_number(const struct cmt_fold *fv, size_t *i,
			 unsigned int max_digits, unsigned int *n_r)
{
	unsigned int n = 0, digits = 0;

	while (*i < fv->flen && i_isdigit(fv->f[*i]) && digits < max_digits) {
		n = n * 10 + (fv->f[*i] - '0');
		(*i)++;
		digits++;
	}
	if (digits == 0 || (*i < fv->flen && i_isdigit(fv->f[*i])))
		return FALSE;
	*n_r = n;
	return TRUE;
}

/* "ngày 15/6/2026", "ngày 15 tháng 6 năm 2026", "ngày 15/6" at or after
   folded offset at (within 40 bytes). */
static bool reply_date_at(const struct cmt_fold *fv, size_t at,
			  struct dondoc_attendance_reply *reply)
{
	const char *date;
	size_t ngay, i, raw;
	unsigned int d, m, y = 0;

	ngay = reply_find(fv, at, at + 44, "NGAY");
	if (ngay == (size_t)-1 ||
	    memchr(fv->f + at, '\n', ngay - at) != NULL)
		return FALSE;
	raw = fv->map[ngay];
	if (doc_parse_date(fv->s + raw, I_MIN(fv->len - raw, 60), &date, &i) &&
	    i == 0 && date != NULL) {
		reply->meeting_year = atoi(t_strndup(date, 4));
		reply->meeting_month = atoi(t_strndup(date + 5, 2));
		reply->meeting_day = atoi(date + 8);
		return TRUE;
	}
	i = cmt_fold_skip_spaces(fv, ngay + 4);
	if (!reply_number(fv, &i, 2, &d) || d < 1 || d > 31 ||
	    i >= fv->flen || (fv->f[i] != '/' && fv->f[i] != '-'))
		return FALSE;
	i++;
	if (!reply_number(fv, &i, 2, &m) || m < 1 || m > 12)
		return FALSE;
	if (i < fv->flen && (fv->f[i] == '/' || fv->f[i] == '-')) {
		i++;
		if (!reply_number(fv, &i, 4, &y) || y < 2000 || y > 2099)
			return FALSE;
	}
	reply->meeting_year = y;
	reply->meeting_month = m;
	reply->meeting_day = d;
	return TRUE;
}

/* The meeting's date: a date right after "họp" that is no document's
   ("giấy mời họp số 12/GM ngày 10/6" is the notice's). */
static void reply_meeting_date(const struct cmt_fold *fv,
			       struct dondoc_attendance_reply *reply)
{
	size_t at, so;

	for (at = 0; (at = reply_find(fv, at, fv->flen, "HOP")) != (size_t)-1;
	     at++) {
		so = reply_find(fv, at, at + 20, "SO");
		if (so != (size_t)-1)
			continue;
		if (reply_date_at(fv, at + 3, reply))
			return;
	}
}

/* "số 12/GM-BCĐ", "Giấy mời 12/GM-BCĐ": the documents cited. */
static void reply_citations(pool_t pool, const struct cmt_fold *fv,
			    struct dondoc_attendance_reply *reply)
{
	struct dondoc_attendance_cited *c;
	const char *symbol;
	size_t at, i, num, raw, j;
	unsigned int n;
	bool after_so;

	for (at = 0; at < fv->flen &&
	     array_count(&reply->cited) < DONDOC_ATTENDANCE_MAX_CITED; at++) {
		if (!i_isdigit(fv->f[at]) ||
		    (at > 0 && i_isalnum(fv->f[at-1])))
			continue;
		after_so = at >= 3 && (memcmp(fv->f + at - 3, "SO ", 3) == 0 ||
				       memcmp(fv->f + at - 3, "SO:", 3) == 0);
		i = at;
		if (!reply_number(fv, &i, 8, &n) ||
		    i >= fv->flen || fv->f[i] != '/') {
			at = i;
			continue;
		}
		num = i;
		raw = fv->map[i] + 1;
		j = raw;
		symbol = doc_parse_symbol(fv->s, fv->len, &j);
		if (symbol == NULL || strlen(symbol) < 2 ||
		    !i_isalpha(symbol[0]) ||
		    (!after_so && strncasecmp(symbol, "GM", 2) != 0)) {
			at = i;
			continue;
		}
		c = array_append_space(&reply->cited);
		c->number = p_strndup(pool, fv->s + fv->map[at],
				      fv->map[num] - fv->map[at]);
		c->symbol = p_strdup(pool, symbol);
		while (at + 1 < fv->flen && fv->map[at + 1] < j)
			at++;
	}
}

static bool reply_has_context(const struct cmt_fold *fv)
{
	return reply_has_any(fv, 0, fv->flen, reply_context_words,
			     N_ELEMENTS(reply_context_words));
}

const struct dondoc_attendance_reply *
dondoc_attendance_reply_read(pool_t pool, const char *source,
			     const char *text, size_t size,
			     const char *subject)
{
	struct dondoc_attendance_reply *reply;
	struct cmt_fold fv, fs;
	const char *own;
	size_t own_len;
	bool found;

	if (!reply_text_may_find(text, size))
		return NULL;
	reply = t_new(struct dondoc_attendance_reply, 1);
	t_array_init(&reply->cited, DONDOC_ATTENDANCE_MAX_CITED);
	own = reply_own_words(text, size, &own_len);
	if (own_len == 0)
		return NULL;
	cmt_fold_init(&fv, own, own_len);
	if (!reply_may_answer(&fv))
		return NULL;
	if (subject == NULL)
		subject = "";
	cmt_fold_init(&fs, subject, strlen(subject));
	reply->meeting_words = reply_has_context(&fv) || reply_has_context(&fs);
	found = reply_consent(pool, &fv, reply) ||
		reply_absence(pool, &fv, reply);
	if (!found)
		return NULL;
	reply_meeting_date(&fv, reply);
	if (reply->meeting_day == 0)
		reply_meeting_date(&fs, reply);
	reply_citations(pool, &fv, reply);
	reply_citations(pool, &fs, reply);

	/* into the caller's pool */
	{
		struct dondoc_attendance_reply *r =
			p_new(pool, struct dondoc_attendance_reply, 1);
		*r = *reply;
		p_array_init(&r->cited, pool, DONDOC_ATTENDANCE_MAX_CITED);
		array_append_array(&r->cited, &reply->cited);
		r->source = p_strdup(pool, source);
		return r;
	}
}
