/* Copyright (c) 2026 dondoc authors, see the included COPYING file */

/* dondoc-extract: reads one attachment on stdin and writes what is in it
   on stdout, for the analysis, which runs it OUTSIDE the delivery process
   (lib/analysis/dondoc-extract.c forks and execs it with a clean
   environment, no shell, under RLIMIT_CPU/AS/FSIZE/NOFILE/CORE, and kills
   it with SIGKILL when its wall-clock time or output byte budget is
   spent).

     dondoc-extract pdf [--ca FILE]   text layer and signatures, poppler-glib
     dondoc-extract doc               Word 97-2003 text, by antiword

   It trusts nothing it reads: the document is hostile by assumption and
   this process is the one that pays for it. It trusts its argv (from the
   analysis) and the CA bundle named by --ca (the site's dondoc_pdf_ca).
   Nothing reaches the network: signatures are verified without OCSP or
   AIA fetching, against only the certificates of --ca, loaded into a
   private NSS database in a fresh directory that is removed at exit.

   Output: records "<tag> <length>\n<bytes>\n", tags
     I  key=value facts (pages=N, text_pages=N, scanned=1, signatures=N)
     S  one signature, tab-separated key=value fields
     T  a piece of text (UTF-8; pages separated by \f)
     W  a warning (why the result is partial)
     E  the end: the result is complete as far as this process goes
   A result without E was cut (killed, crashed): the reader says so. */

#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <poppler.h>
#include <nss.h>
#include <cert.h>
#include <certdb.h>
#include <cms.h>
#include <pk11pub.h>
#include <ocsp.h>
#include <secerr.h>

#define ANTIWORD_PATH "/usr/bin/antiword"
#define PDFTOTEXT_PATH "/usr/bin/pdftotext"
/* At most this many signatures are examined. */
#define MAX_SIGNATURES 16
/* Input read at most (the parent sends no more than its own limit). */
#define MAX_INPUT_BYTES (64 * 1024 * 1024)
#define MAX_CA_BYTES (4 * 1024 * 1024)

static char nss_dir[64];

static void out_record(char tag, const char *data, size_t len)
{
	printf("%c %zu\n", tag, len);
	fwrite(data, 1, len, stdout);
	putchar('\n');
}

static void out_str(char tag, const char *str)
{
	out_record(tag, str, strlen(str));
}

static void out_fmt(char tag, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void out_fmt(char tag, const char *fmt, ...)
{
	char buf[512];
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (n < 0)
		return;
	out_record(tag, buf, (size_t)n < sizeof(buf) ? (size_t)n :
		   sizeof(buf) - 1);
}

static unsigned char *read_all(int fd, size_t max, size_t *size_r)
{
	size_t size = 0, alloc = 65536;
	unsigned char *data = malloc(alloc), *p;
	ssize_t ret;

	if (data == NULL)
		return NULL;
	for (;;) {
		if (size == alloc) {
			if (alloc >= max)
				break;
			alloc *= 2;
			if ((p = realloc(data, alloc)) == NULL) {
				free(data);
				return NULL;
			}
			data = p;
		}
		ret = read(fd, data + size, alloc - size);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0) {
			free(data);
			return NULL;
		}
		if (ret == 0)
			break;
		size += ret;
	}
	*size_r = size;
	return data;
}

/* ---- signatures: the parts poppler-glib 22.12 does not expose ------- */

struct raw_signature {
	long range[4];
	bool whole_file;
	char *subject, *organisation, *common_name;
	CERTCertificate *cert;
};

static bool parse_long(const unsigned char **p, const unsigned char *end,
		       long *value_r)
{
	long v = 0;
	bool any = false;

	while (*p < end && (**p == ' ' || **p == '\n' || **p == '\r' ||
			    **p == '\t'))
		(*p)++;
	while (*p < end && **p >= '0' && **p <= '9' && v < 100000000000L) {
		v = v * 10 + (**p - '0');
		(*p)++;
		any = true;
	}
	*value_r = v;
	return any;
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* The signer certificate's names, from the PKCS#7 blob in the gap of a
   /ByteRange (the signature's /Contents <hex>). */
static void raw_signature_names(struct raw_signature *sig,
				const unsigned char *data)
{
	const unsigned char *p = data + sig->range[1],
		*end = data + sig->range[2];
	unsigned char *der;
	size_t len = 0;
	int hi = -1, v;
	SECItem item;
	NSSCMSMessage *msg;
	NSSCMSSignedData *sd;
	NSSCMSSignerInfo *si;
	CERTCertificate *cert;

	der = malloc((end - p) / 2 + 1);
	if (der == NULL)
		return;
	for (; p < end; p++) {
		if ((v = hexval(*p)) < 0)
			continue;
		if (hi < 0)
			hi = v;
		else {
			der[len++] = hi * 16 + v;
			hi = -1;
		}
	}
	/* /Contents is padded with zeros: keep what the DER header says */
	if (len >= 2 && der[0] == 0x30 && der[1] != 0x80) {
		size_t n = der[1] & 0x7f, i, declared = 0;

		if (der[1] < 0x80)
			declared = 2 + der[1];
		else if (n <= 4 && len >= 2 + n) {
			for (i = 0; i < n; i++)
				declared = declared * 256 + der[2 + i];
			declared += 2 + n;
		}
		if (declared > 0 && declared < len)
			len = declared;
	}
	item.type = siBuffer;
	item.data = der;
	item.len = len;
	msg = NSS_CMSMessage_CreateFromDER(&item, NULL, NULL, NULL, NULL,
					   NULL, NULL);
	if (msg != NULL) {
		sd = NSS_CMSMessage_IsSigned(msg) ?
			NSS_CMSContentInfo_GetContent(
				NSS_CMSMessage_ContentLevel(msg, 0)) : NULL;
		/* the certificates the signature carries, known for the
		   lookup (temporary: nothing is stored or trusted) */
		if (sd != NULL && sd->rawCerts != NULL) {
			unsigned int n;

			for (n = 0; sd->rawCerts[n] != NULL && n < 32; n++) {
				/* kept (a temporary certificate leaves
				   the lookup with its last reference);
				   the process ends soon */
				(void)CERT_NewTempCertificate(
					CERT_GetDefaultCertDB(),
					sd->rawCerts[n], NULL, PR_FALSE,
					PR_TRUE);
			}
		}
		si = sd == NULL ? NULL : NSS_CMSSignedData_GetSignerInfo(sd, 0);
		cert = si == NULL ? NULL :
			NSS_CMSSignerInfo_GetSigningCertificate(
				si, CERT_GetDefaultCertDB());
		if (cert != NULL) {
			sig->subject = strdup(cert->subjectName);
			sig->organisation = CERT_GetOrgName(&cert->subject);
			sig->common_name = CERT_GetCommonName(&cert->subject);
			sig->cert = CERT_DupCertificate(cert);
		}
		NSS_CMSMessage_Destroy(msg);
	}
	free(der);
}

/* Find the /ByteRange arrays in the raw file, in file order. A signature
   covers the whole file when its ranges start at 0, end at the file's
   end, and leave out only its own <hex> contents. A signature dictionary
   inside a compressed object stream is not found (writers do not put
   them there: /Contents must be patched in place after hashing). */
static unsigned int raw_signatures(const unsigned char *data, size_t size,
				   struct raw_signature *sigs,
				   unsigned int max)
{
	static const char key[] = "/ByteRange";
	const unsigned char *p = data, *end = data + size, *hit;
	unsigned int count = 0, i;

	while (count < max &&
	       (hit = memmem(p, end - p, key, sizeof(key) - 1)) != NULL) {
		struct raw_signature *sig = &sigs[count];
		const unsigned char *q = hit + sizeof(key) - 1;
		bool ok = true;

		p = q;
		while (q < end && (*q == ' ' || *q == '\n' || *q == '\r'))
			q++;
		if (q >= end || *q != '[')
			continue;
		q++;
		memset(sig, 0, sizeof(*sig));
		for (i = 0; i < 4 && ok; i++)
			ok = parse_long(&q, end, &sig->range[i]);
		if (!ok || sig->range[0] < 0 ||
		    sig->range[1] > sig->range[2] ||
		    (size_t)sig->range[2] > size ||
		    (size_t)sig->range[3] > size - sig->range[2])
			continue;
		sig->whole_file = sig->range[0] == 0 &&
			(size_t)(sig->range[2] + sig->range[3]) == size &&
			sig->range[2] - sig->range[1] >= 2 &&
			data[sig->range[1]] == '<' &&
			data[sig->range[2] - 1] == '>';
		raw_signature_names(sig, data);
		count++;
	}
	return count;
}

/* Load the PEM (or DER) certificates of the CA bundle into a private NSS
   database, trusted as CAs: only they are. Without a bundle NSS starts
   with no database, and trusts nothing. */
static int nss_setup(const char *ca_path)
{
	unsigned char *pem;
	size_t size;
	int fd, imported = 0;
	char *p, *begin, *stop;

	if (ca_path == NULL) {
		if (NSS_NoDB_Init(NULL) != SECSuccess)
			return -1;
		(void)CERT_DisableOCSPChecking(CERT_GetDefaultCertDB());
		return 0;
	}
	strcpy(nss_dir, "/tmp/dondoc-nss.XXXXXX");
	if (mkdtemp(nss_dir) == NULL)
		return -1;
	if (NSS_Initialize(nss_dir, "", "", "secmod.db",
			   NSS_INIT_NOROOTINIT | NSS_INIT_OPTIMIZESPACE) !=
	    SECSuccess)
		return -1;
	(void)CERT_DisableOCSPChecking(CERT_GetDefaultCertDB());
	/* a fresh database must be given its (empty) password before it
	   takes trust settings */
	if (PK11_NeedUserInit(PK11_GetInternalKeySlot()) &&
	    PK11_InitPin(PK11_GetInternalKeySlot(), NULL, "") != SECSuccess)
		return -1;
	if ((fd = open(ca_path, O_RDONLY | O_NOCTTY)) < 0)
		return -1;
	pem = read_all(fd, MAX_CA_BYTES, &size);
	close(fd);
	if (pem == NULL)
		return -1;
	pem[size == 0 ? 0 : size - 1] = '\0';
	for (p = (char *)pem;
	     (begin = strstr(p, "-----BEGIN CERTIFICATE-----")) != NULL;
	     p = stop) {
		CERTCertificate *cert;
		CERTCertTrust trust;
		SECItem der = { siBuffer, NULL, 0 };

		if ((stop = strstr(begin, "-----END CERTIFICATE-----")) == NULL)
			break;
		stop += strlen("-----END CERTIFICATE-----");
		cert = CERT_DecodeCertFromPackage(begin, stop - begin);
		if (cert == NULL)
			continue;
		der = cert->derCert;
		(void)der;
		if (PK11_ImportCert(PK11_GetInternalKeySlot(), cert,
				    CK_INVALID_HANDLE, "dondoc-ca", PR_FALSE) ==
		    SECSuccess &&
		    CERT_DecodeTrustString(&trust, "CT,C,C") == SECSuccess &&
		    CERT_ChangeCertTrust(CERT_GetDefaultCertDB(), cert,
					 &trust) == SECSuccess)
			imported++;
		CERT_DestroyCertificate(cert);
	}
	free(pem);
	if (imported == 0)
		out_str('W', "no certificate in the CA bundle");
	return 0;
}

/* The signer certificate against the CAs of --ca only, at the signing
   time the signature claims (or now), with no revocation fetching: no
   network. Done here and not by poppler 22.12, whose certificate status
   reads NSS's thread error code without looking at the result and can
   report a valid chain as an error (or a stale success). */
static const char *certificate_check(CERTCertificate *cert, GDateTime *when)
{
	CERTValInParam params[4];
	SECStatus ret;

	if (cert == NULL)
		return "not_found";
	params[0].type = cert_pi_revocationFlags;
	params[0].value.pointer.revocation =
		CERT_GetClassicOCSPDisabledPolicy();
	params[1].type = cert_pi_date;
	params[1].value.scalar.time = when == NULL ? PR_Now() :
		(PRTime)g_date_time_to_unix(when) * PR_USEC_PER_SEC;
	params[2].type = cert_pi_useAIACertFetch;
	params[2].value.scalar.b = PR_FALSE;
	params[3].type = cert_pi_end;
	PORT_SetError(0);
	ret = CERT_PKIXVerifyCert(cert, certificateUsageEmailSigner, params,
				  NULL, NULL);
	if (ret == SECSuccess)
		return "trusted";
	switch (PORT_GetError()) {
	case SEC_ERROR_UNKNOWN_ISSUER:
	case SEC_ERROR_CA_CERT_INVALID:
		return "unknown_issuer";
	case SEC_ERROR_UNTRUSTED_ISSUER:
	case SEC_ERROR_UNTRUSTED_CERT:
		return "untrusted_issuer";
	case SEC_ERROR_REVOKED_CERTIFICATE:
		return "revoked";
	case SEC_ERROR_EXPIRED_CERTIFICATE:
	case SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE:
		return "expired";
	case SEC_ERROR_INADEQUATE_KEY_USAGE:
	case SEC_ERROR_INADEQUATE_CERT_TYPE:
		return "wrong_usage";
	default:
		return "generic_error";
	}
}

static const char *signature_status_name(PopplerSignatureStatus s)
{
	switch (s) {
	case POPPLER_SIGNATURE_VALID: return "valid";
	case POPPLER_SIGNATURE_INVALID: return "invalid";
	case POPPLER_SIGNATURE_DIGEST_MISMATCH: return "digest_mismatch";
	case POPPLER_SIGNATURE_DECODING_ERROR: return "decoding_error";
	case POPPLER_SIGNATURE_NOT_FOUND: return "not_found";
	case POPPLER_SIGNATURE_NOT_VERIFIED: return "not_verified";
	default: return "generic_error";
	}
}

static const char *certificate_status_name(PopplerCertificateStatus s)
{
	switch (s) {
	case POPPLER_CERTIFICATE_TRUSTED: return "trusted";
	case POPPLER_CERTIFICATE_UNTRUSTED_ISSUER: return "untrusted_issuer";
	case POPPLER_CERTIFICATE_UNKNOWN_ISSUER: return "unknown_issuer";
	case POPPLER_CERTIFICATE_REVOKED: return "revoked";
	case POPPLER_CERTIFICATE_EXPIRED: return "expired";
	case POPPLER_CERTIFICATE_NOT_VERIFIED: return "not_verified";
	default: return "generic_error";
	}
}

/* One field value: no tab or newline may reach the record. */
static void field_append(GString *out, const char *key, const char *value)
{
	const char *p;

	if (value == NULL)
		return;
	g_string_append_printf(out, "%s%s=", out->len > 0 ? "\t" : "", key);
	for (p = value; *p != '\0'; p++)
		g_string_append_c(out, *p == '\t' || *p == '\n' ||
				  *p == '\r' ? ' ' : *p);
}

static void pdf_signatures(PopplerDocument *doc, const unsigned char *data,
			   size_t size, const char *ca_path)
{
	struct raw_signature raw[MAX_SIGNATURES];
	unsigned int raw_count, i = 0;
	GList *fields, *l;

	if (poppler_document_get_n_signatures(doc) == 0) {
		out_str('I', "signatures=0");
		return;
	}
	if (nss_setup(ca_path) < 0) {
		out_str('W', "signature check unavailable");
		return;
	}
	raw_count = raw_signatures(data, size, raw, MAX_SIGNATURES);
	fields = poppler_document_get_signature_fields(doc);
	out_fmt('I', "signatures=%u", g_list_length(fields));
	for (l = fields; l != NULL && i < MAX_SIGNATURES; l = l->next, i++) {
		PopplerSignatureInfo *info;
		GString *rec = g_string_new(NULL);
		GError *error = NULL;
		GDateTime *when;

		info = poppler_form_field_signature_validate_sync(l->data,
			POPPLER_SIGNATURE_VALIDATION_FLAG_VALIDATE_CERTIFICATE |
			POPPLER_SIGNATURE_VALIDATION_FLAG_WITHOUT_OCSP_REVOCATION_CHECK,
			NULL, &error);
		if (info == NULL) {
			field_append(rec, "status", "generic_error");
			field_append(rec, "error", error != NULL ?
				     error->message : "validation failed");
			g_clear_error(&error);
		} else {
			field_append(rec, "status", signature_status_name(
				poppler_signature_info_get_signature_status(info)));
			field_append(rec, "poppler_certificate",
				certificate_status_name(
				poppler_signature_info_get_certificate_status(info)));
			field_append(rec, "signer",
				poppler_signature_info_get_signer_name(info));
			when = poppler_signature_info_get_local_signing_time(info);
			if (i < raw_count) {
				field_append(rec, "certificate",
					certificate_check(raw[i].cert, when));
			}
			if (when != NULL) {
				gchar *iso = g_date_time_format_iso8601(when);

				field_append(rec, "time", iso);
				g_free(iso);
			}
		}
		if (i < raw_count) {
			field_append(rec, "subject", raw[i].subject);
			field_append(rec, "organisation", raw[i].organisation);
			if (raw[i].common_name != NULL &&
			    (info == NULL ||
			     poppler_signature_info_get_signer_name(info) == NULL))
				field_append(rec, "signer", raw[i].common_name);
			field_append(rec, "whole_file",
				     raw[i].whole_file ? "1" : "0");
			g_string_append_printf(rec, "\trange_end=%ld",
					       raw[i].range[2] + raw[i].range[3]);
		}
		field_append(rec, "trust", ca_path != NULL ? "ca" : "none");
		if (info == NULL && i < raw_count)
			field_append(rec, "certificate",
				     certificate_check(raw[i].cert, NULL));
		out_record('S', rec->str, rec->len);
		g_string_free(rec, TRUE);
		if (info != NULL)
			poppler_signature_info_free(info);
	}
	g_list_free_full(fields, g_object_unref);
	fflush(stdout);
}

/* Run a packaged tool on stdin (a seekable file, reopened by the tool as
   /dev/stdin) and hand each piece of its output to out(). Returns the
   tool's wait status, or -1 if it could not be started. */
static int run_tool(const char *path, char *const argv[],
		    void (*out)(const char *data, size_t len, void *context),
		    void *context)
{
	static char *const envp[] = { "PATH=/usr/bin:/bin", "LANG=C.UTF-8",
				      "HOME=/nonexistent", NULL };
	int fds[2], status;
	char buf[16384];
	ssize_t ret;
	pid_t pid;

	if (lseek(STDIN_FILENO, 0, SEEK_SET) < 0 || pipe(fds) < 0)
		return -1;
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execve(path, argv, envp);
		_exit(127);
	}
	close(fds[1]);
	while ((ret = read(fds[0], buf, sizeof(buf))) != 0) {
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0)
			break;
		out(buf, ret, context);
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	return status;
}

/* Tell a tool's failure. Returns true if it ran to its end. */
static bool tool_status(const char *name, int status)
{
	if (status == -1)
		out_fmt('W', "%s could not be started", name);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		out_fmt('W', "%s is not installed", name);
	else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
		out_fmt('W', "%s CPU limit reached", name);
	else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT) {
		/* poppler's C++ throws bad_alloc under RLIMIT_AS and
		   aborts (Debian 13's does on the 12 MB stream) */
		out_fmt('W', "%s aborted: memory limit reached", name);
	}
	else if (WIFSIGNALED(status))
		out_fmt('W', "%s killed by signal %d", name, WTERMSIG(status));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return false;
	else
		return true;
	return false;
}

struct pdf_text {
	unsigned int pages, text_pages;
	bool page_has_text;
};

/* pdftotext ends every page with \f: count pages and pages with text. */
static void pdf_text_out(const char *data, size_t len, void *context)
{
	struct pdf_text *ctx = context;
	size_t i;

	for (i = 0; i < len; i++) {
		if (data[i] == '\f') {
			ctx->pages++;
			if (ctx->page_has_text)
				ctx->text_pages++;
			ctx->page_has_text = false;
		} else if (data[i] != ' ' && data[i] != '\n' &&
			   data[i] != '\r' && data[i] != '\t') {
			ctx->page_has_text = true;
		}
	}
	out_record('T', data, len);
	/* as it comes: a kill keeps what was read */
	fflush(stdout);
}

static int pdf_main(const char *ca_path)
{
	/* reading order, not -layout or -raw: the two header columns come
	   out one after the other (agency lines, then the motto), as the
	   Decree 30 reader expects; see doc/analysis-json.md */
	static char *const argv[] = {
		"pdftotext", "-q", "-enc", "UTF-8", "-eol", "unix",
		"/dev/stdin", "-", NULL
	};
	struct pdf_text text = { 0, 0, false };
	static const char key[] = "/ByteRange";
	unsigned char *data;
	GBytes *bytes;
	GError *error = NULL;
	PopplerDocument *doc;
	size_t size;
	int status;

	status = run_tool(PDFTOTEXT_PATH, argv, pdf_text_out, &text);
	if (!tool_status("pdftotext", status))
		out_str('W', "not a readable PDF");
	out_fmt('I', "pages=%u", text.pages);
	out_fmt('I', "text_pages=%u", text.text_pages);
	if (status == 0 && text.pages > 0 && text.text_pages == 0)
		out_str('I', "scanned=1");
	fflush(stdout);

	if (lseek(STDIN_FILENO, 0, SEEK_SET) < 0 ||
	    (data = read_all(STDIN_FILENO, MAX_INPUT_BYTES, &size)) == NULL) {
		out_str('W', "cannot read the attachment");
		return 1;
	}
	/* no signature dictionary, no second parse */
	if (memmem(data, size, key, sizeof(key) - 1) == NULL) {
		out_str('I', "signatures=0");
		out_str('E', "");
		return 0;
	}
	bytes = g_bytes_new_static(data, size);
	doc = poppler_document_new_from_bytes(bytes, NULL, &error);
	if (doc == NULL) {
		out_str('W', "signatures not readable");
		g_clear_error(&error);
	} else {
		pdf_signatures(doc, data, size, ca_path);
		g_object_unref(doc);
	}
	g_bytes_unref(bytes);
	out_str('E', "");
	return 0;
}

/* antiword draws a table as rows of "|cell|cell|" lines. Give the cells
   column by column instead (all of the first column's lines, then the
   second's), as the .docx reader does: the Decree 30 header is a
   two-column table (agency | national motto). */
static void doc_table_flush(GString *out, GPtrArray *rows)
{
	unsigned int col, r, max_cols = 0;

	for (r = 0; r < rows->len; r++) {
		gchar **cells = g_ptr_array_index(rows, r);

		max_cols = MAX(max_cols, g_strv_length(cells));
	}
	for (col = 0; col < max_cols; col++) {
		for (r = 0; r < rows->len; r++) {
			gchar **cells = g_ptr_array_index(rows, r);
			gchar *cell;

			if (col >= g_strv_length(cells))
				continue;
			cell = g_strstrip(g_strdup(cells[col]));
			if (*cell != '\0') {
				g_string_append(out, cell);
				g_string_append_c(out, '\n');
			}
			g_free(cell);
		}
	}
	g_ptr_array_set_size(rows, 0);
}

static void doc_text_out(const char *data, size_t len, void *context)
{
	g_string_append_len(context, data, len);
}

static int doc_main(void)
{
	static char *const argv[] = {
		"antiword", "-m", "UTF-8.txt", "-w", "0", "/dev/stdin", NULL
	};
	GString *raw = g_string_new(NULL), *out = g_string_new(NULL);
	GPtrArray *rows = g_ptr_array_new_with_free_func(
		(GDestroyNotify)g_strfreev);
	gchar **lines;
	unsigned int i;
	int status;

	status = run_tool(ANTIWORD_PATH, argv, doc_text_out, raw);
	if (!tool_status("antiword", status))
		out_str('W', "not a readable Word document");
	lines = g_strsplit(raw->str, "\n", -1);
	for (i = 0; lines[i] != NULL; i++) {
		size_t len = strlen(lines[i]);

		if (len >= 2 && lines[i][0] == '|' && lines[i][len-1] == '|') {
			lines[i][len-1] = '\0';
			g_ptr_array_add(rows, g_strsplit(lines[i] + 1, "|", -1));
			continue;
		}
		if (rows->len > 0)
			doc_table_flush(out, rows);
		g_string_append(out, lines[i]);
		if (lines[i + 1] != NULL)
			g_string_append_c(out, '\n');
	}
	if (rows->len > 0)
		doc_table_flush(out, rows);
	for (i = 0; i < out->len; i += 65536)
		out_record('T', out->str + i, MIN(65536, out->len - i));
	out_str('E', "");
	g_strfreev(lines);
	g_ptr_array_free(rows, TRUE);
	g_string_free(raw, TRUE);
	g_string_free(out, TRUE);
	return 0;
}

static void nss_cleanup(void)
{
	static const char *const files[] = {
		"cert9.db", "key4.db", "pkcs11.txt", "secmod.db", NULL
	};
	char path[128];
	unsigned int i;

	if (nss_dir[0] == '\0')
		return;
	for (i = 0; files[i] != NULL; i++) {
		snprintf(path, sizeof(path), "%s/%s", nss_dir, files[i]);
		(void)unlink(path);
	}
	(void)rmdir(nss_dir);
}

int main(int argc, char *argv[])
{
	const char *ca_path = NULL;
	int ret;

	signal(SIGPIPE, SIG_IGN);
	if (argc >= 4 && strcmp(argv[2], "--ca") == 0)
		ca_path = argv[3];
	if (argc >= 2 && strcmp(argv[1], "pdf") == 0) {
		ret = pdf_main(ca_path);
		nss_cleanup();
	} else if (argc >= 2 && strcmp(argv[1], "doc") == 0) {
		ret = doc_main();
	} else {
		fprintf(stderr, "usage: dondoc-extract pdf [--ca FILE] | doc\n");
		return 2;
	}
	fflush(stdout);
	return ret;
}
