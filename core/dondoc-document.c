/* Finding Decree 30/2020 administrative documents in UTF-8 text.

   A document is anchored on its number line, "Số: 17/TTr-BCĐ-CAT": that
   is the one element every numbered document has. The type comes from the
   type line under it (BÁO CÁO, ...) when there is one, else from the
   symbol; a symbol whose first part is no type abbreviation (UBND-KT)
   is a công văn. */

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
};

/* How far below the number line the type line may stand. */
#define DOC_TYPE_LINE_WINDOW 12

static const struct doc_type *doc_type_find(const char *abbrev, size_t len)
{
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(doc_types); i++) {
		if (dondoc_text_abbrev_equals(abbrev, len, doc_types[i].abbrev))
			return &doc_types[i];
	}
	/* Mail often loses the Đ: "QD" for QĐ. */
	T_BEGIN {
		string_t *folded = t_str_new(16);

		dondoc_text_fold(abbrev, len, folded);
		for (i = 0; i < N_ELEMENTS(doc_types); i++) {
			if (strcmp(str_c(folded), dondoc_text_fold_str(
					doc_types[i].abbrev)) == 0)
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

static const struct doc_type *doc_type_by_line(const char *line, size_t len)
{
	const struct doc_type *found = NULL;
	unsigned int i;

	/* A type line is short and holds only the type's name. */
	if (len == 0 || len > 64)
		return NULL;
	T_BEGIN {
		string_t *folded = t_str_new(len + 8);

		dondoc_text_fold(line, len, folded);
		for (i = 0; i < N_ELEMENTS(doc_types); i++) {
			if (strcmp(str_c(folded), doc_types[i].folded_name) == 0) {
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
	       i < 12)
		i++;
	if (strcmp(t_str_ucase(dondoc_text_fold_str(t_strndup(line, i))),
		   "SO") != 0)
		return FALSE;
	skip_spaces(line, len, &i);
	if (i < len && (line[i] == ':' || line[i] == '.'))
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
	if (symbol == NULL)
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

static void document_init(pool_t pool, const char *source,
			  struct dondoc_document *doc_r)
{
	i_zero(doc_r);
	doc_r->source = p_strdup(pool, source);
	p_array_init(&doc_r->recipients, pool, 2);
	p_array_init(&doc_r->references, pool, 2);
}

/* Parse one line; number and symbol are allocated from pool. */
static bool parse_line_number(pool_t pool, const char *line, size_t len,
			      const char **number_r, const char **symbol_r)
{
	bool ret;

	if (len == 0 || len >= 256)
		return FALSE;
	T_BEGIN {
		const char *number, *symbol;

		ret = parse_number_line(line, len, &number, &symbol);
		if (ret) {
			*number_r = p_strdup(pool, number);
			*symbol_r = p_strdup(pool, symbol);
		}
	} T_END;
	return ret;
}

unsigned int dondoc_document_parse(pool_t pool, const char *source,
				   const char *text, size_t size,
				   unsigned int max_docs,
				   ARRAY_TYPE(dondoc_document) *docs)
{
	struct dondoc_document *doc = NULL;
	unsigned int count = 0, since_number = 0;
	const char *line, *number, *symbol;
	const struct doc_type *type;
	size_t pos = 0, len;

	while (count < max_docs &&
	       dondoc_text_next_line(text, size, &pos, &line, &len)) {
		dondoc_text_trim(&line, &len);
		if (parse_line_number(pool, line, len, &number, &symbol)) {
			doc = array_append_space(docs);
			document_init(pool, source, doc);
			doc->number = number;
			doc->symbol = symbol;
			type = doc_type_by_symbol(symbol);
			doc->type = type->abbrev;
			doc->type_name = type->name;
			since_number = 0;
			count++;
		} else if (doc != NULL && since_number < DOC_TYPE_LINE_WINDOW &&
			   (type = doc_type_by_line(line, len)) != NULL) {
			/* The type line overrides the symbol's guess. */
			doc->type = type->abbrev;
			doc->type_name = type->name;
			since_number = DOC_TYPE_LINE_WINDOW;
		} else if (len > 0) {
			since_number++;
		}
	}
	return count;
}
