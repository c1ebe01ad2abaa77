/* Finding Decree 30/2020 administrative documents in UTF-8 text.

   A document is anchored on its number line, "Số: 17/TTr-BCĐ-CAT": that
   is the one element every numbered document has. The type comes from the
   type line under it (BÁO CÁO, ...) when there is one, else from the
   symbol; a symbol whose first part is no type abbreviation (UBND-KT)
   is a công văn.

   Around the number line is the header block (Decree 30 layout, or what
   html tables, Word tables and hand-spaced plain text make of it): agency
   lines above (issuer), place and date, secrecy and urgency marks; below
   come the type line, the summary, "Kính gửi:", then the body, where
   cited documents and the difficulties/proposals sections are found.
   Lines are split into cells on tabs and runs of spaces. The text is
   trusted to be valid NFC UTF-8 (the analysis makes it so) and nothing
   else: every scan is linear, every kept value bounded. */

#include "lib.h"
#include "str.h"
#include <ctype.h>
#include "unichar.h"
#include "dondoc-text.h"
#include "dondoc-document.h"

struct doc_type {
	const char *abbrev, *name, *folded_name;
};

/* Decree 30/2020 appendix III, plus CV for công văn. Ordered so that the
   exact (Đ-distinct) lookup finds HD before HĐ and DA before ĐA. */
static const struct doc_type doc_types[] = {
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

/* How far below the number line the type line may stand. */
#define DOC_TYPE_LINE_WINDOW 12
/* Lines above and below the number line that form the header block. */
#define DOC_HEADER_ABOVE 8
#define DOC_HEADER_BELOW 8
/* Bounds on what is kept per document. */
#define DOC_MAX_RECIPIENTS 20
#define DOC_MAX_REFERENCES 16
#define DOC_MAX_SECTION_BYTES 1000
#define DOC_MAX_SUMMARY_LINES 3
#define DOC_MAX_CELL 256
#define DOC_FOLD_MAX 400

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
		string_t *folded = t_str_new(32);
		const char *f;

		dondoc_text_fold(abbrev, len, folded);
		f = str_c(folded);
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

static const struct doc_type *doc_type_by_line(const char *line, size_t len)
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
		string_t *folded = t_str_new(len + 8);

		dondoc_text_fold(line, len, folded);
		for (i = 0; i < N_ELEMENTS(doc_types); i++) {
			if (folded_equals_nospace(str_c(folded),
						  doc_types[i].folded_name)) {
				found = &doc_types[i];
				break;
			}
		}
	} T_END;
	return found;
}

static bool is_symbol_byte(unsigned char c)
{
	/* ASCII letters and digits, and any UTF-8 byte (Đ, Ư, ...). */
	return i_isalnum(c) || c >= 0x80;
}

static void skip_spaces(const char *s, size_t len, size_t *i)
{
	while (*i < len && (s[*i] == ' ' || s[*i] == '\t'))
		(*i)++;
}

/* Parse the symbol after the number: parts joined by '-' or '/', with
   stray spaces around the joiners ("TTr - BCĐ"). */
static const char *parse_symbol(const char *s, size_t len, size_t *i)
{
	string_t *sym = t_str_new(32);
	size_t j;

	for (;;) {
		j = *i;
		while (j < len && is_symbol_byte((unsigned char)s[j]))
			j++;
		if (j == *i)
			break;
		str_append_data(sym, s + *i, j - *i);
		*i = j;
		skip_spaces(s, len, &j);
		if (j < len && (s[j] == '-' || s[j] == '/')) {
			size_t k = j + 1;

			skip_spaces(s, len, &k);
			if (k < len && is_symbol_byte((unsigned char)s[k])) {
				str_append_c(sym, s[j]);
				*i = k;
				continue;
			}
		}
		break;
	}
	return str_len(sym) == 0 ? NULL : str_c(sym);
}

/* Recognise "Số: 17/TTr-BCĐ-CAT" (and "Số 198-BC/TU", "Số: /TB-UBND").
   Returns FALSE if the line is no number line. */
static bool parse_number_line(const char *line, size_t len,
			      const char **number_r, const char **symbol_r)
{
	size_t i = 0, num_start;
	const char *symbol;

	dondoc_text_trim(&line, &len);
	/* "Số" is S + ố in NFC, or S + o + marks in NFD: fold and compare. */
	while (i < len && (unsigned char)line[i] > ' ' && line[i] != ':' &&
	       line[i] != ';' &&
	       i < 12)
		i++;
	/* OCR and typing noise: "S0" (zero), "Sô", "Sồ" fold alike */
	if (strcmp(t_str_ucase(dondoc_text_fold_str(t_strndup(line, i))),
		   "SO") != 0 &&
	    strcmp(t_str_ucase(t_strndup(line, i)), "S0") != 0)
		return FALSE;
	skip_spaces(line, len, &i);
	/* e-office notifications: "Số ký hiệu: 123/UBND-VP", "Số, ký hiệu" */
	if (i < len && line[i] == ',')
		i++;
	skip_spaces(line, len, &i);
	if (len - i >= 9 && (line[i] == 'k' || line[i] == 'K') &&
	    str_begins(dondoc_text_fold_str(t_strndup(line + i,
						      I_MIN(len - i, 12))),
		       "KY HIEU")) {
		i += 2;
		while (i < len && line[i] != ' ')
			i++;
		skip_spaces(line, len, &i);
		while (i < len && line[i] != ':' && line[i] != ' ')
			i++;
		skip_spaces(line, len, &i);
	}
	if (i < len && (line[i] == ':' || line[i] == '.' || line[i] == ';'))
		i++;
	skip_spaces(line, len, &i);
	num_start = i;
	while (i < len && i_isdigit(line[i]))
		i++;
	*number_r = i > num_start ? t_strndup(line + num_start,
					      i - num_start) : NULL;
	skip_spaces(line, len, &i);
	if (i >= len || (line[i] != '/' && line[i] != '-'))
		return FALSE;
	i++;
	skip_spaces(line, len, &i);
	symbol = parse_symbol(line, len, &i);
	/* a symbol has letters: "Số: 0297-3862123" is a phone number */
	if (symbol == NULL || strspn(symbol, "0123456789-/") == strlen(symbol))
		return FALSE;
	*symbol_r = symbol;
	return TRUE;
}


static const struct doc_type *doc_type_by_symbol(const char *symbol)
{
	size_t len = strcspn(symbol, "-/");
	const struct doc_type *type = doc_type_find(symbol, len);

	/* "1234/UBND-KT": no type in the symbol, so a công văn. */
	return type != NULL ? type : doc_type_find("CV", 2);
}

/* One line of text: quote markers removed, trimmed. */
struct doc_line {
	const char *s;
	size_t len;
	bool quoted;
	/* folded form of the first DOC_FOLD_MAX bytes, made on first use */
	const char *folded;
};
ARRAY_DEFINE_TYPE(doc_line, struct doc_line);

/* A cell of a line: table columns come as tabs (html, docx) or as runs
   of spaces (plain text laid out by hand). */
struct doc_cell {
	const char *s;
	size_t len;
};

static unsigned int line_cells(const struct doc_line *line,
			       struct doc_cell *cells, unsigned int max)
{
	const char *s = line->s;
	size_t len = line->len, i = 0, start = 0, spaces;
	unsigned int n = 0;

	while (i <= len && n < max) {
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

static const char *fold_n(const char *s, size_t len)
{
	char *out = t_malloc_no0(len * 3 + 1);

	(void)dondoc_text_fold_buf(s, len, out);
	return out;
}

/* The line's folded form, cached (data stack of the parse's frame). */
static const char *line_folded(const struct doc_line *line)
{
	struct doc_line *l = (struct doc_line *)line;

	if (l->folded == NULL)
		l->folded = fold_n(l->s, I_MIN(l->len, DOC_FOLD_MAX));
	return l->folded;
}

static bool folded_starts(const char *folded, const char *prefix)
{
	return str_begins(folded, prefix);
}

/* Words of a folded string: runs of ASCII letters and digits. */
static const char *const *fold_words(const char *s, size_t len)
{
	ARRAY_TYPE(const_string) words;
	const char *f = fold_n(s, len), *p, *w;

	t_array_init(&words, 16);
	for (p = f; *p != '\0'; ) {
		if (!i_isalnum(*p)) {
			p++;
			continue;
		}
		for (w = p; i_isalnum(*p); p++) ;
		w = t_strdup_until(w, p);
		array_push_back(&words, &w);
	}
	array_append_zero(&words);
	return array_front(&words);
}

static bool word_is_number(const char *w, unsigned int min, unsigned int max,
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

static bool word_is_year(const char *w, unsigned int *year_r)
{
	return strlen(w) == 4 && word_is_number(w, 1945, 2199, year_r);
}

static const char *iso_date(unsigned int y, unsigned int m, unsigned int d)
{
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return NULL;
	return t_strdup_printf("%04u-%02u-%02u", y, m, d);
}

/* "31/3/2022", "31-03-2022", "31.3.2022" at s; NULL if none. */
static const char *parse_numeric_date(const char *s, size_t len)
{
	unsigned int part[3] = { 0, 0, 0 }, digits, i;
	size_t pos = 0;

	for (i = 0; i < 3; i++) {
		for (digits = 0; pos < len && i_isdigit(s[pos]) && digits < 4;
		     pos++, digits++)
			part[i] = part[i] * 10 + (s[pos] - '0');
		if (digits == 0 || (i < 2 && digits > 2) ||
		    (i == 2 && digits != 4))
			return NULL;
		if (i < 2) {
			if (pos >= len || (s[pos] != '/' && s[pos] != '-' &&
					   s[pos] != '.'))
				return NULL;
			pos++;
		}
	}
	if (pos < len && i_isdigit(s[pos]))
		return NULL;
	return iso_date(part[2], part[1], part[0]);
}

/* "ngày" / "NGÀY" in NFC, or "ngay" with its mark lost. */
static bool is_ngay(const char *s, size_t len)
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
static bool parse_date(const char *s, size_t len, const char **date_r,
		       size_t *at_r)
{
	size_t i;

	for (i = 0; i + 4 <= len; i++) {
		/* "ngày" in NFC: n g à y */
		if ((s[i] == 'n' || s[i] == 'N') &&
		    (i == 0 || !i_isalnum(s[i-1])) && is_ngay(s + i, len - i)) {
			const char *const *w = fold_words(s + i,
							  I_MIN(len - i, 80));
			unsigned int k = 1, d = 0, m = 0, y = 0;
			bool hd, hm, hy;

			if (w[k] != NULL &&
			    memchr(s + i, '/', I_MIN(len - i, 16)) != NULL &&
			    i_isdigit(w[k][0])) {
				/* "ngày 15/3/2022" */
				const char *p = s + i + 4;

				while (p < s + len && !i_isdigit(*p)) p++;
				*date_r = parse_numeric_date(p, s + len - p);
				if (*date_r != NULL) {
					*at_r = i;
					return TRUE;
				}
			}
			hd = w[k] != NULL && word_is_number(w[k], 1, 31, &d);
			if (hd) k++;
			if (w[k] == NULL || strcmp(w[k], "THANG") != 0)
				continue;
			k++;
			hm = w[k] != NULL && word_is_number(w[k], 1, 12, &m);
			if (hm) k++;
			if (w[k] == NULL || strcmp(w[k], "NAM") != 0)
				continue;
			k++;
			hy = w[k] != NULL && word_is_year(w[k], &y);
			*date_r = hd && hm && hy ? iso_date(y, m, d) : NULL;
			*at_r = i;
			return TRUE;
		}
		if (i_isdigit(s[i]) && (i == 0 || !i_isalnum(s[i-1])) &&
		    (*date_r = parse_numeric_date(s + i, len - i)) != NULL) {
			*at_r = i;
			return TRUE;
		}
	}
	return FALSE;
}

/* Cells that are part of the national motto or Party heading. */
static bool cell_is_motto(const char *folded)
{
	return folded_starts(folded, "CONG HOA XA HOI") ||
		folded_starts(folded, "DOC LAP") ||
		folded_starts(folded, "DANG CONG SAN") ||
		folded_starts(folded, "DANG BO");
}

static bool cell_is_separator(const char *s, size_t len)
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
static void cell_cut_motto(struct doc_cell *cell)
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
static bool cell_is_upper(const char *s, size_t len)
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
static bool cell_is_agency(const char *s, size_t len, const char *folded)
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
	return upper >= 2 && !cell_is_motto(folded) &&
		!(folded_starts(folded, "SO") && strpbrk(folded, "0123456789/") != NULL) &&
		memchr(s, ':', len) == NULL;
}

static const char *const secrecy_levels[][2] = {
	{ "TUYET MAT", "TUYỆT MẬT" }, { "TOI MAT", "TỐI MẬT" },
	{ "MAT", "MẬT" },
};
static const char *const urgency_levels[][2] = {
	{ "HOA TOC", "HỎA TỐC" }, { "THUONG KHAN", "THƯỢNG KHẨN" },
	{ "KHAN", "KHẨN" },
};

static const char *level_lookup(const char *folded,
				const char *const levels[][2],
				unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (strcmp(folded, levels[i][0]) == 0)
			return levels[i][1];
	}
	return NULL;
}

static bool is_lower_start(const char *s, size_t len)
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
static bool line_starts_body(const char *folded)
{
	static const char *const starts[] = {
		"KINH GUI", "CAN CU", "THUC HIEN", "THEO ", "TRONG ",
		"NGAY ", "VUA QUA", "PHAN ", "NOI NHAN", "V/V", "SO ",
	};
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(starts); i++) {
		if (folded_starts(folded, starts[i]))
			return TRUE;
	}
	return FALSE;
}

/* "I.", "II.", "3.", "3.1.", "a)", "A." at the start: a section heading's
   numbering. Returns its kind: 'R' roman, 'N' number (depth in
   *depth_r), 'L' letter, 0 none. */
static char heading_prefix(const char *s, size_t len, unsigned int *depth_r)
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

static const char *pool_line(pool_t pool, const char *s, size_t len,
			     size_t max)
{
	string_t *str = t_str_new(I_MIN(len, max) + 1);

	str_append_data(str, s, len);
	if (str_len(str) > max)
		str_truncate_utf8(str, max);
	return p_strdup(pool, str_c(str));
}

struct doc_parse {
	pool_t pool;
	const struct doc_line *lines;
	unsigned int count;
	struct dondoc_document *doc;
	/* the number line, and this document's lines: [first, end) */
	unsigned int number_idx, first, end;
	/* where the body starts (after type, summary, recipients) */
	unsigned int body_idx;
};

static void doc_parse_header(struct doc_parse *dp)
{
	struct dondoc_document *doc = dp->doc;
	struct doc_cell cells[8];
	unsigned int i, c, n, agencies = 0;
	const char *agency[2] = { NULL, NULL };
	unsigned int lo = dp->number_idx > dp->first + DOC_HEADER_ABOVE ?
		dp->number_idx - DOC_HEADER_ABOVE : dp->first;
	unsigned int hi = I_MIN(dp->end, dp->number_idx + DOC_HEADER_BELOW);
	bool have_date = FALSE;

	/* issuer: agency cells nearest above the number, left column first */
	for (i = dp->number_idx + 1; i-- > lo && agencies < 2; ) {
		n = line_cells(&dp->lines[i], cells, N_ELEMENTS(cells));
		for (c = 0; c < n; c++) {
			const char *f;

			if (i == dp->number_idx) {
				/* Party style: "Số 198-BC/TU" row has none */
				break;
			}
			cell_cut_motto(&cells[c]);
			if (!cell_is_upper(cells[c].s, cells[c].len))
				continue;
			f = fold_n(cells[c].s, cells[c].len);
			if (cell_is_agency(cells[c].s, cells[c].len, f) &&
			    doc_type_by_line(cells[c].s, cells[c].len) == NULL &&
			    level_lookup(f, secrecy_levels, 3) == NULL &&
			    level_lookup(f, urgency_levels, 3) == NULL) {
				agency[agencies++] = t_strndup(cells[c].s,
							       cells[c].len);
				break;
			}
		}
	}
	if (agencies > 0)
		doc->issuer = p_strdup(dp->pool, agency[0]);
	if (agencies > 1)
		doc->issuer_parent = p_strdup(dp->pool, agency[1]);

	for (i = lo; i < hi; i++) {
		/* dates under the type line are the body's */
		if (i > dp->number_idx &&
		    doc_type_by_line(dp->lines[i].s, dp->lines[i].len) != NULL)
			break;
		n = line_cells(&dp->lines[i], cells, N_ELEMENTS(cells));
		for (c = 0; c < n; c++) {
			const char *f, *date, *place, *cs = cells[c].s;
			size_t at, plen, clen = cells[c].len;

			if (clen > DOC_MAX_CELL)
				continue;
			/* secrecy and urgency marks are short cells */
			if (clen <= 24) {
				f = fold_n(cs, clen);
				if (doc->secrecy == NULL)
					doc->secrecy = level_lookup(f, secrecy_levels, 3);
				if (doc->urgency == NULL)
					doc->urgency = level_lookup(f, urgency_levels, 3);
			}
			if (have_date)
				continue;
			if (i == dp->number_idx && (cs[0] == 'S' || cs[0] == 's')) {
				/* "Số: 52/GM-SNV Rạch Giá, 20/3/2023" when the
				   columns collapsed: the place follows the symbol */
				const char *copy = t_strndup(cs, clen), *sym;

				sym = doc->symbol == NULL ? NULL :
					strstr(copy, doc->symbol);
				if (sym == NULL)
					continue;
				at = (sym - copy) + strlen(doc->symbol);
				cs += at;
				clen -= at;
				dondoc_text_trim(&cs, &clen);
				if (clen == 0)
					continue;
			}
			if (!parse_date(cs, clen, &date, &at))
				continue;
			have_date = TRUE;
			doc->date = p_strdup(dp->pool, date);
			place = cs;
			plen = at;
			while (plen > 0 && (place[plen-1] == ',' ||
					    place[plen-1] == ' '))
				plen--;
			dondoc_text_trim(&place, &plen);
			/* "Ngày ban hành: 12/3/2022" has a label, no place */
			if (plen > 0 && plen < 80 &&
			    memchr(place, ':', plen) == NULL)
				doc->place = p_strndup(dp->pool, place, plen);
		}
	}
}

/* Append a summary line, without the emphasis marks of text converted
   from Word or markdown ("**Ban hành ...**"). */
static void summary_append(string_t *summary, const char *s, size_t len)
{
	while (len > 0 && (s[0] == '*' || s[0] == '_')) {
		s++; len--;
	}
	while (len > 0 && (s[len-1] == '*' || s[len-1] == '_'))
		len--;
	dondoc_text_trim(&s, &len);
	if (len == 0)
		return;
	if (str_len(summary) > 0)
		str_append_c(summary, ' ');
	str_append_data(summary, s, len);
}

/* The type line, the summary under it (or "V/v ..."), "Kính gửi:". */
static void doc_parse_title(struct doc_parse *dp)
{
	struct dondoc_document *doc = dp->doc;
	const struct doc_type *type;
	struct doc_cell cells[8];
	unsigned int i, c, n, seen = 0, summary_lines = 0;
	unsigned int hi = I_MIN(dp->end, dp->number_idx + DOC_TYPE_LINE_WINDOW);
	string_t *summary = t_str_new(128);
	bool in_summary = FALSE;

	dp->body_idx = dp->number_idx + 1;
	for (i = dp->number_idx + 1; i < hi; i++) {
		const struct doc_line *line = &dp->lines[i];
		const char *f;

		if (line->len == 0 || cell_is_separator(line->s, line->len)) {
			/* a blank line ends a summary, once it has begun */
			if (in_summary && line->len == 0 && summary_lines > 0)
				in_summary = FALSE, hi = i;
			continue;
		}
		f = line_folded(line);
		if (in_summary) {
			if (line_starts_body(f) || summary_lines >=
			    DOC_MAX_SUMMARY_LINES || line->len > 250 ||
			    heading_prefix(line->s, line->len, &n) != 0) {
				break;
			}
			summary_append(summary, line->s, line->len);
			summary_lines++;
			dp->body_idx = i + 1;
			if (line->s[line->len-1] == '.')
				break;
			continue;
		}
		if ((type = doc_type_by_line(line->s, line->len)) != NULL &&
		    seen == 0) {
			doc->type = type->abbrev;
			doc->type_name = type->name;
			seen++;
			in_summary = TRUE;
			dp->body_idx = i + 1;
			continue;
		}
		/* công văn: "V/v ..." in the left column */
		n = line_cells(line, cells, N_ELEMENTS(cells));
		for (c = 0; c < n && str_len(summary) == 0; c++) {
			const char *cs = cells[c].s;
			size_t clen = cells[c].len;

			if (clen < 4 || strncasecmp(cs, "V/v", 3) != 0)
				continue;
			cs += 3; clen -= 3;
			while (clen > 0 && (*cs == ':' || *cs == ' ' ||
					    *cs == '.')) {
				cs++; clen--;
			}
			str_append_data(summary, cs, clen);
			dp->body_idx = i + 1;
			/* a wrapped continuation in the same column */
			if (i + 1 < hi) {
				struct doc_cell next[8];
				unsigned int nn = line_cells(&dp->lines[i+1],
							     next, 8);
				if (nn > 0 && next[0].len < 120 &&
				    is_lower_start(next[0].s, next[0].len)) {
					str_append_c(summary, ' ');
					str_append_data(summary, next[0].s,
							next[0].len);
					dp->body_idx = i + 2;
				}
			}
		}
		if (str_len(summary) > 0 && !in_summary && seen == 0 &&
		    doc->summary == NULL)
			break;
	}
	if (str_len(summary) > 0) {
		const char *s = str_c(summary);
		size_t len = str_len(summary);

		dondoc_text_trim(&s, &len);
		doc->summary = pool_line(dp->pool, s, len,
					 DOC_MAX_SECTION_BYTES);
		doc->folded_summary = p_strdup(dp->pool,
					       dondoc_text_fold_str(doc->summary));
	}
}

static void recipient_add(struct doc_parse *dp, const char *s, size_t len)
{
	struct dondoc_document *doc = dp->doc;
	const char *value;

	while (len > 0 && strchr("-+*•.;, ", s[0]) != NULL) {
		s++; len--;
	}
	/* "•" is 3 bytes: drop its leftovers too */
	if (len >= 3 && memcmp(s, "\xe2\x80\xa2", 3) == 0) {
		s += 3; len -= 3;
	}
	dondoc_text_trim(&s, &len);
	while (len > 0 && strchr(".;,", s[len-1]) != NULL)
		len--;
	dondoc_text_trim(&s, &len);
	if (len == 0 || array_count(&doc->recipients) >= DOC_MAX_RECIPIENTS)
		return;
	value = pool_line(dp->pool, s, len, 200);
	array_push_back(&doc->recipients, &value);
}

static bool line_is_bullet(const struct doc_line *line)
{
	return line->len > 1 && (line->s[0] == '-' || line->s[0] == '+' ||
				 line->s[0] == '*' ||
				 (line->len > 3 &&
				  memcmp(line->s, "\xe2\x80\xa2", 3) == 0));
}

static void doc_parse_recipients(struct doc_parse *dp)
{
	unsigned int i, hi = I_MIN(dp->end, dp->number_idx + 30);

	for (i = dp->number_idx + 1; i < hi; i++) {
		const struct doc_line *line = &dp->lines[i];
		const char *s, *semi;
		size_t len;

		if (line->len < 8 || !str_begins(line_folded(line), "KINH GUI"))
			continue;
		s = memchr(line->s, ':', line->len);
		if (s != NULL) {
			s++;
			len = line->s + line->len - s;
			while (len > 0 && (semi = memchr(s, ';', len)) != NULL) {
				recipient_add(dp, s, semi - s);
				len -= semi - s + 1;
				s = semi + 1;
			}
			recipient_add(dp, s, len);
		}
		for (i++; i < dp->end && line_is_bullet(&dp->lines[i]); i++)
			recipient_add(dp, dp->lines[i].s, dp->lines[i].len);
		if (i > dp->body_idx)
			dp->body_idx = i;
		return;
	}
}

static unsigned int roman_value(const char *w)
{
	static const char *const romans[] = { "I", "II", "III", "IV" };
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(romans); i++) {
		if (strcmp(w, romans[i]) == 0)
			return i + 1;
	}
	return 0;
}

/* The year after words[k]: "2023", "NAM 2023"; 0 if none. */
static unsigned int period_year(const char *const *w, unsigned int k)
{
	unsigned int year;

	if (w[k] == NULL)
		return 0;
	if (word_is_year(w[k], &year))
		return year;
	if (strcmp(w[k], "NAM") == 0 && w[k+1] != NULL &&
	    word_is_year(w[k+1], &year))
		return year;
	return 0;
}

static void doc_parse_period(struct dondoc_document *doc)
{
	struct dondoc_doc_period *period = &doc->period;
	const char *const *w;
	unsigned int k, n, year = 0;

	if (doc->summary == NULL)
		return;
	w = fold_words(doc->summary, strlen(doc->summary));
	for (k = 0; w[k] != NULL && period->kind == NULL; k++) {
		if (strcmp(w[k], "6") == 0 && w[k+1] != NULL &&
		    strcmp(w[k+1], "THANG") == 0 && w[k+2] != NULL &&
		    (strcmp(w[k+2], "DAU") == 0 ||
		     strcmp(w[k+2], "CUOI") == 0)) {
			period->kind = "half-year";
			period->index = strcmp(w[k+2], "DAU") == 0 ? 1 : 2;
			period->year = period_year(w, k + 3);
		} else if (strcmp(w[k], "9") == 0 && w[k+1] != NULL &&
			   strcmp(w[k+1], "THANG") == 0) {
			period->kind = "nine-months";
			period->year = period_year(w, k + 2);
			if (period->year == 0 && w[k+2] != NULL &&
			    strcmp(w[k+2], "DAU") == 0)
				period->year = period_year(w, k + 3);
		} else if (strcmp(w[k], "QUY") == 0 && w[k+1] != NULL &&
			   ((n = roman_value(w[k+1])) != 0 ||
			    word_is_number(w[k+1], 1, 4, &n))) {
			period->kind = "quarter";
			period->index = n;
			period->year = period_year(w, k + 2);
		} else if (strcmp(w[k], "THANG") == 0 && w[k+1] != NULL &&
			   (k == 0 || !i_isdigit(w[k-1][0])) &&
			   word_is_number(w[k+1], 1, 12, &n)) {
			period->kind = "month";
			period->index = n;
			period->year = period_year(w, k + 2);
		}
	}
	if (period->kind == NULL) {
		for (k = 0; w[k] != NULL; k++) {
			if (strcmp(w[k], "NAM") == 0 && w[k+1] != NULL &&
			    word_is_year(w[k+1], &year)) {
				period->kind = "year";
				period->year = year;
				break;
			}
		}
	}
	if (period->kind != NULL && period->year == 0 && doc->date != NULL)
		period->year = atoi(t_strndup(doc->date, 4));
}

/* The last Decree 30 type named in folded text before a "số". */
static const struct doc_type *ref_type_before(const char *s, size_t len)
{
	const char *f = fold_n(s, len);
	const struct doc_type *best = NULL;
	size_t flen = strlen(f), best_end = 0;
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(doc_types); i++) {
		const char *name = doc_types[i].folded_name, *p = f, *hit;
		size_t nlen = strlen(name);

		while ((hit = strstr(p, name)) != NULL) {
			size_t end = hit - f + nlen;

			if ((hit == f || hit[-1] == ' ') && end > best_end &&
			    flen - end <= 16) {
				best = &doc_types[i];
				best_end = end;
			}
			p = hit + 1;
		}
	}
	return best;
}

static void doc_parse_references_line(struct doc_parse *dp,
				      const struct doc_line *line)
{
	struct dondoc_document *doc = dp->doc;
	const char *s = line->s;
	size_t len = line->len, i;

	for (i = 0; i + 3 < len; i++) {
		const char *number, *symbol, *date;
		const struct doc_type *type;
		struct dondoc_reference *ref;
		size_t j, num_start, at;

		/* "số" in NFC: s + U+1ED1 (E1 BB 91) or S + U+1ED0 */
		if ((s[i] != 's' && s[i] != 'S') ||
		    memcmp(s + i + 1, "\xe1\xbb", 2) != 0 ||
		    (s[i+3] != '\x91' && s[i+3] != '\x90') ||
		    (i > 0 && i_isalnum(s[i-1])))
			continue;
		j = i + 4;
		while (j < len && (s[j] == ' ' || s[j] == ':'))
			j++;
		num_start = j;
		while (j < len && i_isdigit(s[j]))
			j++;
		if (j == num_start || j - num_start > 8)
			continue;
		number = t_strndup(s + num_start, j - num_start);
		while (j < len && s[j] == ' ')
			j++;
		if (j >= len || (s[j] != '/' && s[j] != '-'))
			continue;
		j++;
		/* "30/2020/NĐ-CP": the year is part of the number */
		if (j + 5 < len && i_isdigit(s[j]) && i_isdigit(s[j+3]) &&
		    s[j+4] == '/' && strspn(s + j, "0123456789") == 4)
			j += 5;
		while (j < len && s[j] == ' ')
			j++;
		symbol = parse_symbol(s, len, &j);
		if (symbol == NULL || strlen(symbol) < 2 ||
		    strspn(symbol, "0123456789-/") == strlen(symbol))
			continue;
		if (doc->symbol != NULL && strcmp(symbol, doc->symbol) == 0 &&
		    null_strcmp(number, doc->number) == 0)
			continue;
		if (array_count(&doc->references) >= DOC_MAX_REFERENCES)
			return;
		type = ref_type_before(s + (i > 48 ? i - 48 : 0),
				       i > 48 ? 48 : i);
		if (type == NULL)
			type = doc_type_by_symbol(symbol);
		date = NULL;
		if (j < len && parse_date(s + j, I_MIN(len - j, 60), &date,
					  &at) && at > 12)
			date = NULL;
		ref = array_append_space(&doc->references);
		ref->type = type->abbrev;
		ref->number = p_strdup(dp->pool, number);
		ref->symbol = p_strdup(dp->pool, symbol);
		ref->date = p_strdup(dp->pool, date);
		i = j - 1;
	}
}

/* Folded text begins with one of keys, after any numbering. */
static bool starts_with_key(const char *folded, const char *const *keys)
{
	unsigned int i;

	while (*folded != '\0' && !i_isalpha(*folded))
		folded++;
	while (strchr("IVX", *folded) != NULL && *folded != '\0' &&
	       (folded[1] == '.' || folded[1] == ')' ||
		strchr("IVX", folded[1]) != NULL)) {
		folded++;
		while (*folded != '\0' && !i_isalpha(*folded))
			folded++;
	}
	for (i = 0; keys[i] != NULL; i++) {
		if (str_begins(folded, keys[i]))
			return TRUE;
	}
	return FALSE;
}

static bool line_is_heading(const struct doc_line *line, const char *folded)
{
	unsigned int depth;

	if (line->len > 150)
		return FALSE;
	return heading_prefix(line->s, line->len, &depth) != 0 ||
		line->s[line->len-1] == ':' ||
		cell_is_agency(line->s, line->len, folded);
}

/* A section: a heading naming it, then its lines up to the next heading
   of the same or a higher level. Without a heading, the text after the
   colon of a line naming it before the colon ("Một số khó khăn: ..."). */
static const char *doc_section(struct doc_parse *dp, const char *const *keys,
			       const char *const *other_keys)
{
	unsigned int i, k, depth, depth2;
	string_t *text = t_str_new(256);
	const char *sentence = NULL;

	for (i = dp->body_idx; i < dp->end; i++) {
		const struct doc_line *line = &dp->lines[i];
		const char *f, *colon;
		char kind;
		bool hit = FALSE;

		if (line->len == 0)
			continue;
		/* a long line (a paragraph) can only name a section before an
		   early colon: do not fold the others */
		if (line->len > 150 &&
		    memchr(line->s, ':', I_MIN(line->len, 100)) == NULL)
			continue;
		f = line_folded(line);
		for (k = 0; keys[k] != NULL && !hit; k++)
			hit = strstr(f, keys[k]) != NULL;
		if (!hit)
			continue;
		if ((!line_is_heading(line, f) &&
		     !starts_with_key(f, keys)) || strlen(f) > 120) {
			/* "Một số khó khăn, vướng mắc: ..." in running text;
			   a key anywhere else is no report of one */
			colon = memchr(line->s, ':', line->len);
			if (sentence == NULL && colon != NULL &&
			    colon - line->s < 100 && colon + 1 < line->s + line->len) {
				const char *pf = fold_n(line->s, colon - line->s);

				for (k = 0; keys[k] != NULL; k++) {
					if (strstr(pf, keys[k]) != NULL) {
						const char *c = colon + 1;
						size_t clen = line->s + line->len - c;

						dondoc_text_trim(&c, &clen);
						sentence = t_strndup(c, clen);
						break;
					}
				}
			}
			continue;
		}
		kind = heading_prefix(line->s, line->len, &depth);
		colon = memchr(line->s, ':', line->len);
		if (colon != NULL && colon + 1 < line->s + line->len) {
			const char *c = colon + 1;
			size_t clen = line->s + line->len - c;

			dondoc_text_trim(&c, &clen);
			str_append_data(text, c, clen);
		}
		for (i++; i < dp->end && str_len(text) < DOC_MAX_SECTION_BYTES;
		     i++) {
			const struct doc_line *l = &dp->lines[i];
			const char *lf;
			char kind2;
			bool other = FALSE;

			if (l->len == 0)
				continue;
			lf = line_folded(l);
			kind2 = heading_prefix(l->s, l->len, &depth2);
			for (k = 0; other_keys[k] != NULL && !other; k++)
				other = strstr(lf, other_keys[k]) != NULL;
			if (folded_starts(lf, "NOI NHAN") ||
			    (other && (line_is_heading(l, lf) ||
				       starts_with_key(lf, other_keys))) ||
			    kind2 == 'R' ||
			    (kind != 0 && kind2 == kind && depth2 <= depth) ||
			    (kind == 'L' && kind2 == 'N'))
				break;
			if (str_len(text) > 0)
				str_append_c(text, '\n');
			str_append_data(text, l->s, l->len);
		}
		if (str_len(text) == 0)
			continue;
		return pool_line(dp->pool, str_c(text), str_len(text),
				 DOC_MAX_SECTION_BYTES);
	}
	return sentence == NULL ? NULL :
		pool_line(dp->pool, sentence, strlen(sentence),
			  DOC_MAX_SECTION_BYTES);
}

static void doc_parse_body(struct doc_parse *dp)
{
	static const char *const difficulty_keys[] = {
		"KHO KHAN", "VUONG MAC", "HAN CHE", NULL };
	static const char *const proposal_keys[] = {
		"KIEN NGHI", "DE XUAT", NULL };
	unsigned int i;

	for (i = dp->number_idx + 1; i < dp->end; i++)
		doc_parse_references_line(dp, &dp->lines[i]);
	dp->doc->difficulties = doc_section(dp, difficulty_keys,
					    proposal_keys);
	dp->doc->proposals = doc_section(dp, proposal_keys, difficulty_keys);
}

static void document_init(pool_t pool, const char *source,
			  struct dondoc_document *doc_r)
{
	i_zero(doc_r);
	doc_r->source = p_strdup(pool, source);
	p_array_init(&doc_r->recipients, pool, 2);
	p_array_init(&doc_r->references, pool, 2);
}

/* The number cell of a line, if it has one. */
static bool line_number(const struct doc_line *line, const char **number_r,
			const char **symbol_r)
{
	struct doc_cell cells[8];
	unsigned int i, n;

	if (line->len < 4)
		return FALSE;
	/* cheap tests first: a '/' or '-', then "S" followed by "o", "ố"
	   (E1 ..), a space or ':' */
	if (memchr(line->s, '/', line->len) == NULL &&
	    memchr(line->s, '-', line->len) == NULL)
		return FALSE;
	for (i = 0; i + 1 < line->len; i++) {
		unsigned char c = line->s[i+1];

		/* "Số" begins a cell: the line, or after a tab or spaces */
		if ((line->s[i] == 'S' || line->s[i] == 's') &&
		    (c == 'o' || c == 'O' || c == 0xE1 || c == ' ' ||
		     c == ':' || c == '0') &&
		    (i == 0 || line->s[i-1] == '\t' ||
		     (i >= 2 && line->s[i-1] == ' ' && line->s[i-2] == ' ')))
			break;
	}
	if (i + 1 >= line->len)
		return FALSE;
	n = line_cells(line, cells, N_ELEMENTS(cells));
	for (i = 0; i < n; i++) {
		if (cells[i].len < DOC_MAX_CELL &&
		    parse_number_line(cells[i].s, cells[i].len,
				      number_r, symbol_r))
			return TRUE;
	}
	return FALSE;
}

static void split_lines(const char *text, size_t size,
			ARRAY_TYPE(doc_line) *lines)
{
	struct doc_line *line;
	const char *s;
	size_t pos = 0, len;

	while (dondoc_text_next_line(text, size, &pos, &s, &len)) {
		line = array_append_space(lines);
		/* "> > text": quoted in a reply */
		while (len > 0 && (s[0] == '>' || s[0] == ' ' || s[0] == '\t') &&
		       (s[0] != ' ' || line->quoted)) {
			if (s[0] == '>')
				line->quoted = TRUE;
			s++; len--;
		}
		dondoc_text_trim(&s, &len);
		line->s = s;
		line->len = len;
	}
}

/* Where the header block of the document numbered at line next begins:
   the agency, motto and blank lines just above it. */
static unsigned int header_start(const struct doc_line *all,
				 unsigned int prev_number, unsigned int next)
{
	struct doc_cell cells[8];
	unsigned int e = next;

	while (e > prev_number + 1 && next - e < DOC_HEADER_ABOVE) {
		const struct doc_line *l = &all[e-1];

		if (!(l->len == 0 || cell_is_separator(l->s, l->len) ||
		      line_cells(l, cells, N_ELEMENTS(cells)) > 1 ||
		      (l->len < DOC_MAX_CELL &&
		       (cell_is_agency(l->s, l->len, line_folded(l)) ||
			cell_is_motto(line_folded(l))))))
			break;
		e--;
	}
	return e;
}

/* Notification mail of e-office systems lists the document's metadata
   as "Label: value" lines: use them where the layout gave nothing. */
static void doc_parse_metadata(struct doc_parse *dp)
{
	static const char *const labels[] = {
		"TRICH YEU", "NGAY BAN HANH", "NGAY VAN BAN",
		"CO QUAN BAN HANH", "NOI BAN HANH", "DON VI BAN HANH",
		"LOAI VAN BAN",
	};
	struct dondoc_document *doc = dp->doc;
	unsigned int i, k, lo, hi = I_MIN(dp->end, dp->number_idx + 12);

	lo = dp->number_idx > dp->first + 8 ? dp->number_idx - 8 : dp->first;
	for (i = lo; i < hi; i++) {
		const struct doc_line *line = &dp->lines[i];
		const char *colon, *v, *f, *date;
		size_t vlen, at;

		if (line->len > 400 ||
		    (colon = memchr(line->s, ':', I_MIN(line->len, 40))) == NULL)
			continue;
		f = line_folded(line);
		for (k = 0; k < N_ELEMENTS(labels); k++) {
			if (str_begins(f, labels[k]))
				break;
		}
		if (k == N_ELEMENTS(labels))
			continue;
		v = colon + 1;
		vlen = line->s + line->len - v;
		dondoc_text_trim(&v, &vlen);
		if (vlen == 0)
			continue;
		if (k == 0 && doc->summary == NULL) {
			if (vlen > 4 && strncasecmp(v, "V/v", 3) == 0) {
				v += 3; vlen -= 3;
				dondoc_text_trim(&v, &vlen);
			}
			doc->summary = pool_line(dp->pool, v, vlen,
						 DOC_MAX_SECTION_BYTES);
			doc->folded_summary = p_strdup(dp->pool,
				dondoc_text_fold_str(doc->summary));
		} else if ((k == 1 || k == 2) && doc->date == NULL &&
			   parse_date(v, vlen, &date, &at)) {
			doc->date = p_strdup(dp->pool, date);
		} else if (k >= 3 && k <= 5 && doc->issuer == NULL) {
			doc->issuer = pool_line(dp->pool, v, vlen, 200);
		} else if (k == 6) {
			const struct doc_type *type =
				doc_type_by_line(v, vlen);

			if (type != NULL) {
				doc->type = type->abbrev;
				doc->type_name = type->name;
			}
		}
	}
}

static void doc_parse_one(struct doc_parse *dp)
{
	const struct doc_type *type;
	struct dondoc_document *doc = dp->doc;

	type = doc_type_by_symbol(doc->symbol);
	doc->type = type->abbrev;
	doc->type_name = type->name;
	doc_parse_header(dp);
	doc_parse_title(dp);
	doc_parse_metadata(dp);
	doc_parse_recipients(dp);
	doc_parse_period(doc);
	doc_parse_body(dp);
}

unsigned int dondoc_document_parse(pool_t pool, const char *source,
				   const char *text, size_t size,
				   unsigned int max_docs,
				   ARRAY_TYPE(dondoc_document) *docs)
{
	/* Scratch memory comes from the caller's data stack frame, with no
	   T_BEGIN of our own: docs may live in that frame too, and it may
	   only be grown from the frame it was made in. The caller wraps the
	   call in T_BEGIN (the analysis does, per MIME part). */
	ARRAY_TYPE(doc_line) lines;
	ARRAY(unsigned int) numbers;
	const struct doc_line *all;
	unsigned int i, n, count = 0, prev_end = 0;

	t_array_init(&lines, 16 + size / 40);
	t_array_init(&numbers, 4);
	split_lines(text, size, &lines);
	all = array_get(&lines, &n);
	for (i = 0; i < n && array_count(&numbers) < max_docs; i++) {
		const char *number, *symbol;

		if (line_number(&all[i], &number, &symbol))
			array_push_back(&numbers, &i);
	}
	for (i = 0; i < array_count(&numbers); i++) {
		struct dondoc_document *doc = array_append_space(docs);

		document_init(pool, source, doc);
		{
			struct doc_parse dp;
			const char *number, *symbol;

			i_zero(&dp);
			dp.pool = pool;
			dp.lines = all;
			dp.count = n;
			dp.number_idx = *array_idx(&numbers, i);
			dp.first = prev_end;
			dp.end = i + 1 < array_count(&numbers) ?
				*array_idx(&numbers, i + 1) : n;
			/* the next document's header belongs to it */
			if (i + 1 < array_count(&numbers))
				dp.end = header_start(all, dp.number_idx,
						      dp.end);
			(void)line_number(&all[dp.number_idx], &number,
					  &symbol);
			doc->number = p_strdup(pool, number);
			doc->symbol = p_strdup(pool, symbol);
			doc->quoted = all[dp.number_idx].quoted;
			dp.doc = doc;
			doc_parse_one(&dp);
			prev_end = dp.end;
		}
		count++;
	}
	return count;
}
