/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The Decree 30 reader's vocabulary: document types and their
   abbreviations, number lines and symbols, the date forms, header cells
   (agency, national motto, separators), secrecy and urgency marks, and
   the folding helpers the other parts share. Input: one line of valid
   NFC UTF-8 at a time; every scan is linear, every result bounded. */

#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include <ctype.h>
#include "unichar.h"
#include "dondoc-text.h"
#include "dondoc-document-private.h"

/* Decree 30/2020 appendix III, plus CV for công văn. Ordered so that the
   exact (Đ-distinct) lookup finds HD before HĐ and DA before ĐA. */
const struct doc_type doc_types[] = {
	{ "NQ", "Nghị quyết", "NGHI QUYET" },
	{ "QĐ", "Quyết định", "QUYET DINH" },
	{ "CT", "Chỉ thị", "CHI THI" },
	{ "QC", "Quy chế", "QUY CHE" },
	{ "QyĐ", "Quy định", "QUY DINH" },
	{ "TC", "Thông cáo", "THONG CAO" },
	{ "TB", "Thông báo", "THONG BAO" },
	{ "HD", "Hướng dẫn", "HUONG DAN" },
	{ "CTr", "Chương trình", "CHUONG TRINH" },
	{ "KH", "Kế hoạch", "KE HOACH" },
	{ "PA", "Phương án", "PHUONG AN" },
	{ "ĐA", "Đề án", "DE AN" },
	{ "DA", "Dự án", "DU AN" },
	{ "BC", "Báo cáo", "BAO CAO" },
	{ "BB", "Biên bản", "BIEN BAN" },
	{ "TTr", "Tờ trình", "TO TRINH" },
	{ "HĐ", "Hợp đồng", "HOP DONG" },
	{ "CĐ", "Công điện", "CONG DIEN" },
	{ "BGN", "Bản ghi nhớ", "BAN GHI NHO" },
	{ "BTT", "Bản thỏa thuận", "BAN THOA THUAN" },
	{ "GUQ", "Giấy ủy quyền", "GIAY UY QUYEN" },
	{ "GM", "Giấy mời", "GIAY MOI" },
	{ "GGT", "Giấy giới thiệu", "GIAY GIOI THIEU" },
	{ "GNP", "Giấy nghỉ phép", "GIAY NGHI PHEP" },
	{ "PG", "Phiếu gửi", "PHIEU GUI" },
	{ "PC", "Phiếu chuyển", "PHIEU CHUYEN" },
	{ "PB", "Phiếu báo", "PHIEU BAO" },
	{ "CV", "Công văn", "CONG VAN" },
	/* not Decree 30 types, but what documents cite */
	{ "NĐ", "Nghị định", "NGHI DINH" },
	{ "TT", "Thông tư", "THONG TU" },
};
const unsigned int doc_types_count = N_ELEMENTS(doc_types);
/* Folded text equal to an abbreviation with Đ read as D? */
static bool doc_type_folded_abbrev_equals(const char *folded,
					  const char *abbrev)
{
	const unsigned char *a = (const unsigned char *)abbrev;

	for (; *a != '\0'; folded++) {
		if (a[0] == 0xC4 && a[1] == 0x90) {
			/* Đ */
			if (*folded != 'D')
				return FALSE;
			a += 2;
		} else {
			if (*folded != i_toupper(*a))
				return FALSE;
			a++;
		}
	}
	return *folded == '\0';
}

static const struct doc_type *doc_type_find(const char *abbrev, size_t len)
{
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(doc_types); i++) {
		if (dondoc_text_abbrev_equals(abbrev, len, doc_types[i].abbrev))
			return &doc_types[i];
	}
	/* Mail often loses the Đ: "QD" for QĐ. Abbreviations are short:
	   fold into a fixed buffer, no allocation (this runs per line). */
	if (len > 8)
		return NULL;
	T_BEGIN {
		/* (the fold of a rare character uses the data stack) */
		char f[8 * 3 + 1];

		(void)dondoc_text_fold_buf(abbrev, len, f);
		for (i = 0; i < N_ELEMENTS(doc_types); i++) {
			if (doc_type_folded_abbrev_equals(f, doc_types[i].abbrev))
				break;
		}
	} T_END;
	return i < N_ELEMENTS(doc_types) ? &doc_types[i] : NULL;
}

bool dondoc_document_type_lookup(const char *abbrev, const char **abbrev_r,
				 const char **name_r)
{
	const struct doc_type *type = doc_type_find(abbrev, strlen(abbrev));

	if (type == NULL)
		return FALSE;
	*abbrev_r = type->abbrev;
	*name_r = type->name;
	return TRUE;
}

/* Equal but for spaces and a final colon: "BÁO  CÁO", letter-spaced
   "B Á O   C Á O" and "QUYẾT ĐỊNH:" are type lines too. */
static bool folded_equals_nospace(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\t')
			a++;
		while (*b == ' ')
			b++;
		if (*a == ':' && a[1] == '\0')
			a++;
		if (*a != *b)
			return FALSE;
		if (*a == '\0')
			return TRUE;
		a++; b++;
	}
}

/* Type lines that name the kind of the type too: "THÔNG BÁO TRIỆU
   TẬP", "THÔNG BÁO KẾT LUẬN", "BIÊN BẢN HỌP". */
static const struct {
	const char *folded, *abbrev;
} doc_qualified_types[] = {
	{ "THONG BAO TRIEU TAP", "TB" },
	{ "THONG BAO KET LUAN", "TB" },
	{ "GIAY MOI HOP", "GM" },
	{ "BIEN BAN HOP", "BB" },
	{ "BIEN BAN CUOC HOP", "BB" },
	{ "BIEN BAN HOI NGHI", "BB" },
};

const struct doc_type *doc_type_by_line(const char *line, size_t len)
{
	const struct doc_type *found = NULL;
	unsigned int i;

	/* A type line is short and holds only the type's name. */
	if (len == 0 || len > 64)
		return NULL;
	/* it starts with an upper or lower case letter of a type name */
	if (strchr("NQCTHKPĐDBGnqcthkpdbg\xc4", line[0]) == NULL)
		return NULL;
	T_BEGIN {
		const char *folded = doc_fold_n(line, len), *first;

		/* the names start with a letter: a line whose first
		   non-blank byte is another is none of them */
		for (first = folded; *first == ' ' || *first == '\t'; first++) ;
		for (i = 0; i < N_ELEMENTS(doc_types); i++) {
			if (*first == doc_types[i].folded_name[0] &&
			    folded_equals_nospace(folded,
						  doc_types[i].folded_name)) {
				found = &doc_types[i];
				break;
			}
		}
		for (i = 0; found == NULL &&
			    i < N_ELEMENTS(doc_qualified_types); i++) {
			if (*first == doc_qualified_types[i].folded[0] &&
			    folded_equals_nospace(folded,
					doc_qualified_types[i].folded)) {
				found = doc_type_find(doc_qualified_types[i].abbrev,
					strlen(doc_qualified_types[i].abbrev));
			}
		}
	} T_END;
	return found;
}

const struct doc_type *doc_type_by_symbol(const char *symbol)
{
	size_t len = strcspn(symbol, "-/");
	const struct doc_type *type = doc_type_find(symbol, len);

	/* "1234/UBND-KT": no type in the symbol, so a công văn. */
	return type != NULL ? type : doc_type_find("CV", 2);
}

/* One line of text: quote markers removed, trimmed. */
unsigned int doc_line_cells(const struct doc_line *line,
			    struct doc_cell *cells, unsigned int max)
{
	const char *s = line->s;
	size_t len = line->len, i = 0, start = 0, spaces;
	unsigned int n = 0;

	while (i <= len && n < max) {
		/* bytes that cannot end a cell only move on: skip them at
		   once, a run of one or two spaces too (the loop below jumps
		   it whole); a tab or a run of three or more stops here */
		while (i < len && s[i] != '\t' &&
		       (s[i] != ' ' || i + 2 >= len || s[i+1] != ' ' ||
			s[i+2] != ' '))
			i++;
		spaces = 0;
		if (i < len && s[i] == ' ') {
			while (i + spaces < len && s[i + spaces] == ' ')
				spaces++;
		}
		/* "ngày   tháng   năm 2023": blanks left for the date */
		if (spaces >= 3 && i + spaces < len &&
		    ((len - i - spaces >= 6 &&
		      memcmp(s + i + spaces, "th\xc3\xa1ng", 6) == 0) ||
		     (len - i - spaces >= 4 &&
		      memcmp(s + i + spaces, "n\xc4\x83m", 4) == 0)))
			spaces = 1;
		if (i == len || s[i] == '\t' || spaces >= 3) {
			const char *c = s + start;
			size_t clen = i - start;

			dondoc_text_trim(&c, &clen);
			if (clen > 0) {
				cells[n].s = c;
				cells[n++].len = clen;
			}
			i += spaces > 0 ? spaces : 1;
			start = i;
		} else {
			i += spaces > 0 ? spaces : 1;
		}
	}
	return n;
}

unsigned int doc_line_cells_cached(const struct doc_line *line,
				   struct doc_cell *cells)
{
	struct doc_line *l = (struct doc_line *)line;
	struct doc_cell *copy;
	unsigned int n;

	if (l->cells_made) {
		memcpy(cells, l->cells, l->cells_count * sizeof(*cells));
		return l->cells_count;
	}
	n = doc_line_cells(line, cells, DOC_LINE_CELLS);
	copy = t_malloc_no0(sizeof(*copy) * I_MAX(n, 1));
	memcpy(copy, cells, n * sizeof(*cells));
	l->cells = copy;
	l->cells_count = n;
	l->cells_made = TRUE;
	return n;
}

void doc_so_search_init(struct doc_so_search *ss, const char *s,
			size_t end)
{
	ss->s = s;
	ss->end = end;
	ss->upper = memchr(s, 'S', end);
	ss->lower = memchr(s, 's', end);
}

size_t doc_so_search_next(struct doc_so_search *ss, size_t from)
{
	const char *at = ss->s + from, *p;

	if (from >= ss->end)
		return (size_t)-1;
	if (ss->upper != NULL && ss->upper < at)
		ss->upper = memchr(at, 'S', ss->end - from);
	if (ss->lower != NULL && ss->lower < at)
		ss->lower = memchr(at, 's', ss->end - from);
	p = ss->lower == NULL || (ss->upper != NULL && ss->upper < ss->lower) ?
		ss->upper : ss->lower;
	return p == NULL ? (size_t)-1 : (size_t)(p - ss->s);
}

const char *doc_fold_n(const char *s, size_t len)
{
	char *out = t_malloc_no0(len * 3 + 1);

	(void)dondoc_text_fold_buf(s, len, out);
	return out;
}

/* The line's folded form, cached (data stack of the parse's frame). */
const char *doc_line_folded(const struct doc_line *line)
{
	struct doc_line *l = (struct doc_line *)line;

	if (l->folded == NULL)
		l->folded = doc_fold_n(l->s, I_MIN(l->len, DOC_FOLD_MAX));
	return l->folded;
}

bool doc_folded_starts(const char *folded, const char *prefix)
{
	return str_begins_with(folded, prefix);
}

/* Words of a folded string: runs of ASCII letters and digits. */
const char *const *doc_fold_words(const char *s, size_t len)
{
	const char *f = doc_fold_n(s, len), *p, *w;
	size_t flen = strlen(f), n = 0;
	const char **words;
	char *out;

	/* one buffer for the words, each NUL-terminated (a word's byte and
	   its NUL for every folded byte at the most), one for the list:
	   no string per word, no array grown */
	out = t_malloc_no0(flen * 2 + 1);
	words = t_malloc_no0(sizeof(*words) * (flen + 1));
	for (p = f; *p != '\0'; ) {
		if (!i_isalnum(*p)) {
			p++;
			continue;
		}
		/* "THANG11", "NAM2023": text flattened from PDF loses the
		   space between a word and a number */
		for (w = p; i_isalnum(*p) &&
			    (p == w || !i_isdigit(*p) == !i_isdigit(p[-1])); p++) ;
		memcpy(out, w, p - w);
		out[p - w] = '\0';
		words[n++] = out;
		out += p - w + 1;
	}
	words[n] = NULL;
	return words;
}

bool doc_word_is_number(const char *w, unsigned int min, unsigned int max,
			unsigned int *num_r)
{
	unsigned int n = 0;

	if (*w == '\0' || strlen(w) > 4)
		return FALSE;
	for (; *w != '\0'; w++) {
		if (!i_isdigit(*w))
			return FALSE;
		n = n * 10 + (*w - '0');
	}
	if (n < min || n > max)
		return FALSE;
	*num_r = n;
	return TRUE;
}

bool doc_word_is_year(const char *w, unsigned int *year_r)
{
	return strlen(w) == 4 && doc_word_is_number(w, 1945, 2199, year_r);
}

bool doc_date_is_valid(unsigned int y, unsigned int m, unsigned int d)
{
	static const unsigned char days[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return FALSE;
	return m != 2 || d < 29 ||
		(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* A day the month does not have ("30 tháng 02") is no date. */
static const char *iso_date(unsigned int y, unsigned int m, unsigned int d)
{
	if (!doc_date_is_valid(y, m, d))
		return NULL;
	return t_strdup_printf("%04u-%02u-%02u", y, m, d);
}

/* "31/3/2022", "31-03-2022", "31.3.2022" at s: FALSE if none; *date_r
   is NULL for a day its month does not have ("31/4/2023"). */
static bool parse_numeric_date(const char *s, size_t len,
			       const char **date_r)
{
	unsigned int part[3] = { 0, 0, 0 }, digits, i;
	size_t pos = 0;

	for (i = 0; i < 3; i++) {
		for (digits = 0; pos < len && i_isdigit(s[pos]) && digits < 4;
		     pos++, digits++)
			part[i] = part[i] * 10 + (s[pos] - '0');
		if (digits == 0 || (i < 2 && digits > 2) ||
		    (i == 2 && digits != 4))
			return FALSE;
		if (i < 2) {
			if (pos >= len || (s[pos] != '/' && s[pos] != '-' &&
					   s[pos] != '.'))
				return FALSE;
			pos++;
		}
	}
	if ((pos < len && i_isdigit(s[pos])) || part[0] < 1 || part[0] > 31 ||
	    part[1] < 1 || part[1] > 12)
		return FALSE;
	*date_r = iso_date(part[2], part[1], part[0]);
	return TRUE;
}

static bool is_ocr_digit(char c)
{
	return i_isdigit(c) || c == 'O' || c == 'o' || c == 'l' || c == 'I';
}

/* The numbers of a date as OCR reads them: 0 as O, 1 as l or I ("năm
   2O23", "ngày l4"). A word of digits and those letters, with a digit,
   is read as the number; "I" or "lO" alone stays a word. s itself when
   nothing is repaired. */
static const char *date_text_ocr(const char *s, size_t len)
{
	char *fixed = NULL;
	size_t i = 0, w, k;
	bool digit, letter;

	while (i < len) {
		if (!is_ocr_digit(s[i]) || (i > 0 && i_isalnum(s[i-1]))) {
			i++;
			continue;
		}
		digit = letter = FALSE;
		for (w = i; i < len && is_ocr_digit(s[i]); i++) {
			if (i_isdigit(s[i]))
				digit = TRUE;
			else
				letter = TRUE;
		}
		if (!digit || !letter || (i < len && i_isalnum(s[i])))
			continue;
		if (fixed == NULL) {
			fixed = t_malloc_no0(len + 1);
			memcpy(fixed, s, len);
			fixed[len] = '\0';
		}
		for (k = w; k < i; k++) {
			if (!i_isdigit(s[k]))
				fixed[k] = s[k] == 'O' || s[k] == 'o' ? '0' : '1';
		}
	}
	return fixed != NULL ? fixed : s;
}

/* "ngày" / "NGÀY" in NFC, or "ngay" with its mark lost. */
bool doc_is_ngay(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	if (len < 4 || (p[1] != 'g' && p[1] != 'G'))
		return FALSE;
	if (len >= 5 && p[2] == 0xC3 && (p[3] == 0xA0 || p[3] == 0x80))
		return p[4] == 'y' || p[4] == 'Y';
	return (p[2] == 'a' || p[2] == 'A') && (p[3] == 'y' || p[3] == 'Y');
}

/* Find a date in a cell: "ngày 31 tháng 3 năm 2022" (blank parts allowed,
   then the date is NULL but found), or "31/3/2022". *at_r is the byte
   offset where the date begins (for the place before it). */
bool doc_parse_date(const char *s, size_t len, const char **date_r,
		    size_t *at_r)
{
	size_t i;

	for (i = 0; i + 4 <= len; i++) {
		/* only an n, N or digit begins a date: the others pass here,
		   before any call */
		if (s[i] != 'n' && s[i] != 'N' && (s[i] < '0' || s[i] > '9'))
			continue;
		/* "ngày" in NFC: n g à y */
		/* "ngày" begins a word, or is glued to a symbol or number
		   before it ("UBNDNgày 10 ...") */
		if ((s[i] == 'n' || s[i] == 'N') &&
		    (i == 0 || !i_isalnum(s[i-1]) ||
		     (s[i] == 'N' && s[i+1] == 'g' &&
		      ((s[i-1] >= 'A' && s[i-1] <= 'Z') || i_isdigit(s[i-1])))) &&
		    doc_is_ngay(s + i, len - i)) {
			const char *const *w = doc_fold_words(
				date_text_ocr(s + i, I_MIN(len - i, 80)),
				I_MIN(len - i, 80));
			unsigned int k = 1, d = 0, m = 0, y = 0;
			bool hd, hm, hy;

			if (w[k] != NULL && i_isdigit(w[k][0])) {
				/* "ngày 15/3/2022", "ngày 15-3-2022" */
				const char *p = s + i + 4;

				while (p < s + len && !i_isdigit(*p)) p++;
				if (parse_numeric_date(p, s + len - p,
						       date_r)) {
					*at_r = i;
					return TRUE;
				}
			}
			hd = w[k] != NULL && doc_word_is_number(w[k], 1, 31, &d);
			if (hd) k++;
			if (w[k] == NULL || strcmp(w[k], "THANG") != 0)
				continue;
			k++;
			hm = w[k] != NULL && doc_word_is_number(w[k], 1, 12, &m);
			if (hm) k++;
			if (w[k] == NULL || strcmp(w[k], "NAM") != 0)
				continue;
			k++;
			hy = w[k] != NULL && doc_word_is_year(w[k], &y);
			*date_r = hd && hm && hy ? iso_date(y, m, d) : NULL;
			*at_r = i;
			return TRUE;
		}
		if (i_isdigit(s[i]) && (i == 0 || !i_isalnum(s[i-1])) &&
		    parse_numeric_date(s + i, len - i, date_r)) {
			*at_r = i;
			return TRUE;
		}
	}
	return FALSE;
}

/* Cells that are part of the national motto or Party heading. */
bool doc_cell_is_motto(const char *folded)
{
	return doc_folded_starts(folded, "CONG HOA XA HOI") ||
		doc_folded_starts(folded, "DOC LAP") ||
		doc_folded_starts(folded, "DANG CONG SAN") ||
		doc_folded_starts(folded, "DANG BO");
}

bool doc_cell_is_separator(const char *s, size_t len)
{
	size_t i, marks = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '-' || s[i] == '_' || s[i] == '*' || s[i] == '=' ||
		    s[i] == '.')
			marks++;
		else if (s[i] != ' ')
			return FALSE;
	}
	return marks >= 2;
}

/* "UBND TỈNH KIÊN GIANG  CỘNG HÒA XÃ HỘI ..." with too few spaces to be
   two cells: cut the national motto (or "Độc lập - ...") off the agency. */
void doc_cell_cut_motto(struct doc_cell *cell)
{
	static const char *const mottos[] = {
		"C\xe1\xbb\x98NG H", /* CỘNG H */
		"\xc4\x90\xe1\xbb\x99" "c l\xe1\xba\xadp", /* Độc lập */
		"\xc4\x90\xe1\xba\xa2NG C", /* ĐẢNG C */
	};
	unsigned int i;
	size_t j, mlen;

	for (i = 0; i < N_ELEMENTS(mottos); i++) {
		mlen = strlen(mottos[i]);
		for (j = 1; j + mlen <= cell->len; j++) {
			if (cell->s[j-1] == ' ' &&
			    memcmp(cell->s + j, mottos[i], mlen) == 0) {
				cell->len = j;
				dondoc_text_trim(&cell->s, &cell->len);
				return;
			}
		}
	}
}

/* No ASCII lower case letter, at least two upper case ones. */
bool doc_cell_is_upper(const char *s, size_t len)
{
	size_t i, upper = 0;

	for (i = 0; i < len; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return FALSE;
		if (s[i] >= 'A' && s[i] <= 'Z')
			upper++;
	}
	return upper >= 2;
}

/* An agency name: upper case (no ASCII lower case letter, some upper). */
bool doc_cell_is_agency(const char *s, size_t len, const char *folded)
{
	size_t i, upper = 0;

	if (len < 4 || len > 150)
		return FALSE;
	for (i = 0; i < len; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return FALSE;
		if (s[i] >= 'A' && s[i] <= 'Z')
			upper++;
	}
	return upper >= 2 && !doc_cell_is_motto(folded) &&
		!(doc_folded_starts(folded, "SO") && strpbrk(folded, "0123456789/") != NULL) &&
		memchr(s, ':', len) == NULL;
}

/* The words of each mark, longest first. */
static const struct {
	const char *words[5];
	const char *name;
	bool secrecy;
} doc_marks[] = {
	{ { "TUYET", "MAT", NULL }, "TUYỆT MẬT", TRUE },
	{ { "TOI", "MAT", NULL }, "TỐI MẬT", TRUE },
	{ { "MAT", NULL }, "MẬT", TRUE },
	/* Circular 01/2011's "hỏa tốc hẹn giờ" is hỏa tốc */
	{ { "HOA", "TOC", "HEN", "GIO", NULL }, "HỎA TỐC", FALSE },
	{ { "HOA", "TOC", NULL }, "HỎA TỐC", FALSE },
	{ { "THUONG", "KHAN", NULL }, "THƯỢNG KHẨN", FALSE },
	{ { "KHAN", NULL }, "KHẨN", FALSE },
};

/* The mark whose words begin at w[k]: its number of words, 0 if none. */
static unsigned int mark_at(const char *const *w, unsigned int k,
			    unsigned int *mark_r)
{
	unsigned int i, n;

	for (i = 0; i < N_ELEMENTS(doc_marks); i++) {
		for (n = 0; doc_marks[i].words[n] != NULL; n++) {
			if (w[k + n] == NULL ||
			    strcmp(w[k + n], doc_marks[i].words[n]) != 0)
				break;
		}
		if (doc_marks[i].words[n] == NULL) {
			*mark_r = i;
			return n;
		}
	}
	return 0;
}

bool doc_marks_read(const char *folded, const char **secrecy_r,
		    const char **urgency_r)
{
	const char *const *w, *secrecy = NULL, *urgency = NULL;
	unsigned int k = 0, n, mark;

	/* most header cells hold no mark: no words made for them */
	if (strstr(folded, "MAT") == NULL && strstr(folded, "KHAN") == NULL &&
	    strstr(folded, "TOC") == NULL)
		return FALSE;
	w = doc_fold_words(folded, strlen(folded));
	/* e-office's labels: "Độ mật: Mật", "Độ khẩn: Thượng khẩn" */
	if (w[0] != NULL && strcmp(w[0], "DO") == 0 && w[1] != NULL &&
	    (strcmp(w[1], "MAT") == 0 || strcmp(w[1], "KHAN") == 0) &&
	    strchr(folded, ':') != NULL)
		k = 2;
	if (w[k] == NULL)
		return FALSE;
	for (; w[k] != NULL; k += n) {
		if ((n = mark_at(w, k, &mark)) == 0)
			return FALSE;
		if (doc_marks[mark].secrecy)
			secrecy = doc_marks[mark].name;
		else
			urgency = doc_marks[mark].name;
	}
	*secrecy_r = secrecy;
	*urgency_r = urgency;
	return TRUE;
}

bool doc_is_lower_start(const char *s, size_t len)
{
	unichar_t chr;

	if (len == 0 || uni_utf8_get_char_n(s, len, &chr) <= 0)
		return FALSE;
	if (chr < 0x80)
		return chr >= 'a' && chr <= 'z';
	return (chr >= 0xE0 && chr <= 0xFF) || chr == 0x0103 ||
		chr == 0x0111 || chr == 0x0129 || chr == 0x0169 ||
		chr == 0x01A1 || chr == 0x01B0 ||
		(chr >= 0x1EA0 && chr <= 0x1EF9 && (chr % 2) == 1);
}

/* A line that begins the body rather than continuing a summary. */
bool doc_line_starts_body(const char *folded)
{
	static const char *const starts[] = {
		"KINH GUI", "CAN CU", "THUC HIEN", "THEO ", "TRONG ",
		"NGAY ", "VUA QUA", "PHAN ", "NOI NHAN", "V/V", "SO:",
		"SO LIEU",
	};
	unsigned int i;

	/* "Số 12 ...", not "Sơ kết ..." (both fold to "SO ") */
	if (folded[0] == 'S' && folded[1] == 'O' && folded[2] == ' ' &&
	    i_isdigit(folded[3]))
		return TRUE;
	for (i = 0; i < N_ELEMENTS(starts); i++) {
		if (doc_folded_starts(folded, starts[i]))
			return TRUE;
	}
	return FALSE;
}

/* "I.", "II.", "3.", "3.1.", "a)", "A." at the start: a section heading's
   numbering. Returns its kind: 'R' roman, 'N' number (depth in
   *depth_r), 'L' letter, 0 none. */
char doc_heading_prefix(const char *s, size_t len, unsigned int *depth_r)
{
	size_t i = 0;

	*depth_r = 0;
	while (i < len && strchr("IVX", s[i]) != NULL)
		i++;
	if (i > 0 && i < len && (s[i] == '.' || s[i] == ')') &&
	    (i + 1 == len || s[i+1] == ' '))
		return 'R';
	i = 0;
	while (i < len && i_isdigit(s[i])) {
		while (i < len && i_isdigit(s[i]))
			i++;
		(*depth_r)++;
		if (i < len && s[i] == '.')
			i++;
		else
			break;
	}
	if (*depth_r > 0 && i < len && (s[i] == ' ' || s[i] == ')'))
		return 'N';
	if (len >= 2 && i_isalpha(s[0]) && (s[1] == ')' || s[1] == '.') &&
	    (len == 2 || s[2] == ' '))
		return 'L';
	return 0;
}

const char *doc_pool_line(pool_t pool, const char *s, size_t len,
			  size_t max)
{
	/* cut as str_truncate_utf8() cuts, copied once (p_strndup() stops
	   at a NUL as p_strdup() of a copy did) */
	if (len > max)
		len = uni_utf8_data_truncate((const unsigned char *)s, len, max);
	return p_strndup(pool, s, len);
}
