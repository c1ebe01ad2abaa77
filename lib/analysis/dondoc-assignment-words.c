/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The vocabulary of assigned work: the words an agency's name begins
   with ("Sở", "Công an tỉnh", "UBND", "Các sở, ban, ngành"), the group
   names that stand for every member of a kind, and the verbs that end an
   agency's name in "Giao Sở Y tế xây dựng ...". Works on the folded view
   (dondoc-committee-private.h); trusts nothing else of the text. */

#include "lib.h"
#include "str.h"
#include <ctype.h>
#include "dondoc-agency.h"
#include "dondoc-committee-private.h"

/* Heads of one word are agencies only before a capital ("Sở Y tế", "Ban
   Quản lý"; not "ban hành"); the longer ones always. */
static const char *const agency_heads[] = {
	"UY BAN NHAN DAN", "UBND", "CONG AN", "BO CHI HUY", "BO DOI BIEN PHONG",
	"VAN PHONG", "CHI CUC", "KHO BAC", "NGAN HANG", "BAO HIEM XA HOI",
	"BHXH", "LIEN DOAN", "TINH DOAN", "VIETTEL", "VNPT", "MOBIFONE",
	"BUU DIEN", "TRUNG TAM", "THANH TRA", "DIEN LUC", "CONG TY",
	"BENH VIEN", "TO GIUP VIEC", "TO CONG TAC", "CAC SO", "CAC THANH VIEN",
	"THANH VIEN BAN CHI DAO", "CAC CO QUAN", "CAC DON VI", "CAC DIA PHUONG",
	"CAC HUYEN", "CAC XA", "CAC BAN", "CAC PHONG", "HUYEN UY", "THANH UY",
	"TINH UY", "MAT TRAN", "UBMTTQ", "TOA AN", "VIEN KIEM SAT", "CO QUAN",
	"DONG CHI", "D/C", "DAI PHAT THANH", "BAO KIEN GIANG", "HOI NONG DAN",
	"HOI LIEN HIEP", "CUC THUE", "CUC THONG KE", "CUC HAI QUAN",
	"TRUONG BAN", "PHO TRUONG BAN", "CHU TICH", "PHO CHU TICH",
	"GIAM DOC",
};
static const char *const agency_heads_capital[] = {
	"SO", "BAN", "CUC", "BAO", "DAI", "HOI", "PHONG", "TRUONG", "VIEN",
	"HUYEN", "THANH PHO", "THI XA", "XA", "PHUONG",
};

static const struct {
	const char *key, *group;
} agency_groups[] = {
	{ "CAC SO BAN NGANH", "departments" },
	{ "CAC SO NGANH", "departments" },
	{ "CAC CO QUAN CHUYEN MON", "departments" },
	{ "CAC BAN NGANH", "departments" },
	{ "CAC SO", "departments" },
	{ "UY BAN NHAN DAN CAC HUYEN", "districts" },
	{ "UY BAN NHAN DAN CAP HUYEN", "districts" },
	{ "UBND CAC HUYEN", "districts" },
	{ "UBND CAP HUYEN", "districts" },
	{ "CAC HUYEN", "districts" },
	{ "UY BAN NHAN DAN CAC XA", "communes" },
	{ "UY BAN NHAN DAN CAP XA", "communes" },
	{ "UBND CAC XA", "communes" },
	{ "UBND CAP XA", "communes" },
	{ "CAC XA", "communes" },
	{ "CAC THANH VIEN", "members" },
	{ "THANH VIEN BAN CHI DAO", "members" },
	{ "CAC CO QUAN", "all" },
	{ "CAC DON VI", "all" },
	{ "CAC DIA PHUONG", "all" },
};

/* Words that begin the work after an agency's name. */
static const char *const work_verbs[] = {
	"CHU TRI", "PHOI HOP", "XAY DUNG", "TRIEN KHAI", "THUC HIEN",
	"TO CHUC", "HUONG DAN", "KIEM TRA", "RA SOAT", "BAO CAO", "THAM MUU",
	"TONG HOP", "HOAN THANH", "HOAN THIEN", "KHAN TRUONG", "CHI DAO",
	"DON DOC", "THEO DOI", "NGHIEN CUU", "DE XUAT", "CAP NHAT", "BO TRI",
	"DAY MANH", "TIEP TUC", "TAP TRUNG", "CHUAN BI", "LAM SACH", "TRINH",
	"BAN HANH", "KET NOI", "TUYEN TRUYEN", "CUNG CAP", "SOAN THAO",
	"DIEU CHINH", "BO SUNG", "THAM DINH", "GIAI QUYET", "XU LY", "DAM BAO",
	"TANG CUONG", "THONG KE", "LAP", "GUI", "NANG CAP", "SUA DOI",
	"DANH GIA", "KHAO SAT", "PHAN CONG", "GIAM SAT", "VAN HANH", "TICH HOP",
	"SO KET", "TONG KET", "CAN DOI", "PHAN BO", "CO TRACH NHIEM",
	"CHIU TRACH NHIEM", "LAM DAU MOI", "CHU DONG", "NGHIEM TUC", "SOM",
	"TIEP NHAN", "HO TRO", "DAO TAO", "BOI DUONG", "QUAN TRIET", "RA",
	"THAM GIA", "THONG BAO", "CAP", "SO HOA", "TRAO DOI",
	"THANH LAP", "KIEN TOAN", "LUA CHON", "DE NGHI", "YEU CAU", "QUAN LY",
	"DI DOI", "DI CHUYEN", "SAP XEP", "MUA SAM", "LAP DAT", "BAN GIAO",
	"GIAI NGAN", "THU HOI", "CAP PHAT", "BAO DAM", "XAC MINH", "KET LUAN",
	"PHAT DONG", "PHAT TRIEN", "THUC DAY", "CHAN CHINH", "KHAC PHUC",
	"XAC DINH", "THONG NHAT", "TRIEN KHAI", "HOP", "LIEN HE", "TRA LOI",
	"NHAP", "DUY TRI", "MO RONG", "CAI CACH", "UNG DUNG", "KHAI THAC",
	"SU DUNG", "CAI THIEN", "THAM MUU", "THONG QUA", "GOP Y", "PHE DUYET",
};

/* The number of bytes of fv at at that a word list entry matches. */
static size_t words_at(const struct cmt_fold *fv, size_t at,
		       const char *const *words, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (cmt_fold_word_at(fv, at, words[i]))
			return strlen(words[i]);
	}
	return 0;
}

/* The written word at folded offset at begins with a capital letter. */
static bool written_capital_at(const struct cmt_fold *fv, size_t at)
{
	const unsigned char *p;

	at = cmt_fold_skip_spaces(fv, at);
	if (at >= fv->flen)
		return FALSE;
	p = (const unsigned char *)fv->s + fv->map[at];
	if (*p >= 'A' && *p <= 'Z')
		return TRUE;
	if (*p >= '0' && *p <= '9')
		return TRUE;
	/* capitals of Latin-1, Latin Extended-A/B and Vietnamese (even
	   code points of U+1EA0..U+1EF9), Đ */
	if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E)
		return TRUE;
	if ((p[0] == 0xC4 || p[0] == 0xC5 || p[0] == 0xC6) &&
	    (p[1] % 2) == 0)
		return TRUE;
	if (p[0] == 0xE1 && (p[1] == 0xBA || p[1] == 0xBB) &&
	    (p[2] % 2) == 0)
		return TRUE;
	return FALSE;
}

/* An all-capital abbreviation of 2..10 letters: "STTTT", "CAT", "SYT". */
static size_t abbreviation_at(const struct cmt_fold *fv, size_t at)
{
	size_t i = fv->map[at], n = 0;

	while (i < fv->len && ((fv->s[i] >= 'A' && fv->s[i] <= 'Z') ||
			       fv->s[i] == '&'))
		i++, n++;
	if (n < 2 || n > 10 || (i < fv->len && i_isalnum(fv->s[i])))
		return 0;
	return n;
}

/* The head at at (see cmt_agency_head); *abbrev_r says whether it is
   an abbreviation, which is a whole name ("STTTT chủ trì ..."). */
static size_t agency_head(const struct cmt_fold *fv, size_t at,
			  bool *abbrev_r)
{
	size_t n;

	*abbrev_r = FALSE;
	at = cmt_fold_skip_spaces(fv, at);
	if ((n = words_at(fv, at, agency_heads,
			  N_ELEMENTS(agency_heads))) > 0)
		return n;
	if ((n = words_at(fv, at, agency_heads_capital,
			  N_ELEMENTS(agency_heads_capital))) > 0 &&
	    written_capital_at(fv, at) && written_capital_at(fv, at + n))
		return n;
	n = abbreviation_at(fv, at);
	*abbrev_r = n > 0;
	return n;
}

size_t cmt_agency_head(const struct cmt_fold *fv, size_t at)
{
	bool abbrev;

	return agency_head(fv, at, &abbrev);
}

/* The '.' at i ends an abbreviation of one or two capitals inside a name
   ("UBND TP. Phú Quốc", "Tp. Rạch Giá", "TX. Hà Tiên"), not a sentence:
   a capital follows it. */
static bool agency_abbrev_point(const struct cmt_fold *fv, size_t at,
				size_t i)
{
	size_t w = i;

	while (w > at && i_isalpha(fv->f[w-1]))
		w--;
	if (w == i || i - w > 2 || (w > at && fv->f[w-1] != ' ') ||
	    i + 2 >= fv->flen)
		return FALSE;
	return written_capital_at(fv, w) && written_capital_at(fv, i + 1);
}

const char *cmt_agency_group(const char *agency)
{
	const char *key = dondoc_agency_fold_str(agency);
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(agency_groups); i++) {
		size_t n = strlen(agency_groups[i].key);

		if (strncmp(key, agency_groups[i].key, n) == 0 &&
		    (key[n] == '\0' || key[n] == ' '))
			return agency_groups[i].group;
	}
	return NULL;
}

bool cmt_work_verb_at(const struct cmt_fold *fv, size_t at)
{
	return words_at(fv, at, work_verbs, N_ELEMENTS(work_verbs)) > 0;
}

size_t cmt_agency_end(const struct cmt_fold *fv, size_t at, size_t end,
		      bool need_head)
{
	size_t head, i, k;
	bool word_start, abbrev;

	at = cmt_fold_skip_spaces(fv, at);
	head = agency_head(fv, at, &abbrev);
	if (head == 0 && need_head)
		return at;
	/* a head of one word and the word after it are the name ("Sở Xây
	   dựng", "Ban Quản lý") */
	i = at + head;
	if (memchr(fv->f + at, ' ', head) == NULL && !abbrev) {
		i = cmt_fold_skip_spaces(fv, i);
		while (i < end && (i_isalnum(fv->f[i]) || fv->f[i] == '&'))
			i++;
	}
	if (end > at + 240)
		end = at + 240;
	for (; i < end; i++) {
		char c = fv->f[i];

		if (c == ':' || c == '(' || c == ';' || c == '\t' ||
		    (c == '.' && (i + 1 == fv->flen || fv->f[i+1] == ' ') &&
		     !agency_abbrev_point(fv, at, i)))
			return i;
		if (c == ',' || c == '-') {
			k = cmt_fold_skip_spaces(fv, i + 1);
			if (cmt_work_verb_at(fv, k) ||
			    cmt_fold_word_at(fv, k, "DE"))
				return i;
			continue;
		}
		word_start = c != ' ' && fv->f[i-1] == ' ';
		/* a capital begins a word of the name ("Sở Giáo dục và Đào
		   tạo", "Công ty Cấp thoát nước"), the work is written in
		   lower case */
		if (word_start && cmt_work_verb_at(fv, i) &&
		    !written_capital_at(fv, i))
			return i;
	}
	return i;
}
