#include "core/mail.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"

/* Limits from RFC 5321 4.5.3.1 (path) and RFC 2047 2 (encoded-word and
 * the line that holds it); 78 is RFC 5322's preferred line length. */
#define ADDR_MAX 254
#define NAME_MAX_BYTES 200
#define EW_MAX 75
#define EW_LINE_MAX 76
#define LINE_PREFERRED 78
#define QP_LINE_MAX 76
#define TIMEOUT_DEFAULT 30L

struct addr {
	const char *p;
	size_t len;
};

/* A From value split into an optional display name and the address. */
struct from_parts {
	struct addr name, addr;
};

/* ---- validation ---------------------------------------------------- */

/* Only the characters of an unquoted addr-spec: no space, no control, no
 * specials that could close a header field or start another address. */
static bool addr_char_ok(unsigned char c)
{
	return c > 0x20 && c < 0x7f && !strchr("<>()[]\\,;:\"@", c);
}

/* Refuses rather than repairs: an address that needs quoting or non-ASCII
 * (SMTPUTF8, IDNA) is not one a submitter is likely to mistype into, and
 * refusing keeps CR/LF and friends out of headers and SMTP commands. */
static int addr_check(struct addr a, const char *what, struct error *err)
{
	const char *at = a.len ? memchr(a.p, '@', a.len) : NULL;

	if (!at || at == a.p || at == a.p + a.len - 1 || a.len > ADDR_MAX)
		return error_set(err, ERR_INVALID,
				 "%s is not an e-mail address", what);
	for (size_t i = 0; i < a.len; i++)
		if (a.p + i != at && !addr_char_ok((unsigned char)a.p[i]))
			return error_set(err, ERR_INVALID, "%s contains a "
					 "character not allowed in an e-mail "
					 "address", what);
	if (at[1] == '.' || a.p[a.len - 1] == '.')
		return error_set(err, ERR_INVALID,
				 "%s has an invalid domain", what);
	return 0;
}

/* One line of UTF-8 text: used for the subject and the sender's name. */
static int line_check(const char *s, size_t len, const char *what,
		      struct error *err)
{
	if (memchr(s, '\r', len) || memchr(s, '\n', len))
		return error_set(err, ERR_INVALID,
				 "%s must be a single line", what);
	if (!utf8_valid_text(s, len))
		return error_set(err, ERR_INVALID,
				 "%s is not valid UTF-8 text", what);
	return 0;
}

static void trim(struct addr *a)
{
	while (a->len && a->p[0] == ' ') {
		a->p++;
		a->len--;
	}
	while (a->len && a->p[a->len - 1] == ' ')
		a->len--;
}

/* "Name <addr>" or "addr"; a quoted name loses its quotes here and is
 * re-encoded by the writer, so no quoting rule has to be trusted. */
static int from_parse(const char *from, struct from_parts *fp,
		      struct error *err)
{
	struct addr all = {from ? from : "", from ? strlen(from) : 0};
	const char *lt;

	trim(&all);
	fp->name = (struct addr){"", 0};
	fp->addr = all;
	lt = all.len ? memchr(all.p, '<', all.len) : NULL;
	if (lt) {
		if (all.p[all.len - 1] != '>')
			return error_set(err, ERR_INVALID,
					 "from: text after the address");
		fp->addr = (struct addr){lt + 1, (size_t)(all.p + all.len - lt) - 2};
		fp->name = (struct addr){all.p, (size_t)(lt - all.p)};
		trim(&fp->name);
		if (fp->name.len >= 2 && fp->name.p[0] == '"' &&
		    fp->name.p[fp->name.len - 1] == '"')
			fp->name = (struct addr){fp->name.p + 1, fp->name.len - 2};
		if (fp->name.len > NAME_MAX_BYTES)
			return error_set(err, ERR_INVALID, "from: name too long");
		if (line_check(fp->name.p, fp->name.len, "from name", err))
			return ERR_INVALID;
	}
	return addr_check(fp->addr, "from", err);
}

/* ---- header writers ------------------------------------------------ */

static void put_date(struct buf *out, time_t now)
{
	/* Fixed English names: strftime would follow the locale. */
	static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu",
					"Fri", "Sat"};
	static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May",
					   "Jun", "Jul", "Aug", "Sep", "Oct",
					   "Nov", "Dec"};
	struct tm tm;

	if (!gmtime_r(&now, &tm)) {
		now = 0;
		gmtime_r(&now, &tm);
	}
	buf_printf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
		   days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
		   tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Bytes in the UTF-8 sequence that lead byte c starts (input is valid). */
static size_t utf8_seq_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Writes s as RFC 2047 B encoded-words starting at column col, each at
 * most 75 characters and each line at most 76, splitting only between
 * characters so every word decodes to whole characters on its own.
 * Returns the column after the last word. */
static size_t put_encoded_words(struct buf *out, const char *s, size_t len,
				size_t col)
{
	static const char pre[] = "=?utf-8?B?", post[] = "?=";
	const size_t overhead = sizeof pre - 1 + sizeof post - 1;
	char b64[EW_MAX];
	size_t i = 0;

	while (i < len) {
		size_t room, raw_max, n = 0;

		if (col + overhead + 8 > EW_LINE_MAX) { /* not even 2 chars fit */
			buf_puts(out, "\r\n ");
			col = 1;
		}
		room = EW_LINE_MAX - col < EW_MAX ? EW_LINE_MAX - col : EW_MAX;
		raw_max = (room - overhead) / 4 * 3;

		while (i + n < len) {
			size_t k = utf8_seq_len((unsigned char)s[i + n]);
			if (n + k > raw_max)
				break;
			n += k;
		}
		sodium_bin2base64(b64, sizeof b64, (const unsigned char *)s + i,
				  n, sodium_base64_VARIANT_ORIGINAL);
		buf_printf(out, "%s%s%s", pre, b64, post);
		col += overhead + strlen(b64);
		i += n;
		if (i < len) {
			buf_puts(out, "\r\n ");
			col = 1;
		}
	}
	return col;
}

/* Plain ASCII words that need no encoding and fold cleanly at their single
 * spaces; "=?" is excluded so a reader never decodes what was not
 * encoded. `word` is the set of characters a word may hold. */
static bool plain_words(const char *s, size_t len, bool (*word)(char))
{
	size_t run = 0;

	if (!len || s[0] == ' ' || s[len - 1] == ' ')
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ') {
			if (s[i - 1] == ' ')
				return false;
			run = 0;
		} else if (!word(s[i]) || ++run > 60 ||
			   (s[i] == '?' && i && s[i - 1] == '=')) {
			return false;
		}
	}
	return true;
}

static bool vchar(char c)
{
	return c > 0x20 && c < 0x7f;
}

/* RFC 5322 atext: what a display name may hold without quoting. */
static bool atext(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* Folds plain words at spaces so lines stay near 78 characters. */
static size_t put_folded(struct buf *out, const char *s, size_t len,
			 size_t col)
{
	size_t i = 0;

	while (i < len) {
		const char *sp = memchr(s + i, ' ', len - i);
		size_t w = sp ? (size_t)(sp - (s + i)) : len - i;

		if (i) {
			bool fold = col + 1 + w > LINE_PREFERRED;
			buf_puts(out, fold ? "\r\n " : " ");
			col = fold ? 1 : col + 1;
		}
		buf_add(out, s + i, w);
		col += w;
		i += w + 1;
	}
	return col;
}

static size_t put_text(struct buf *out, const char *s, size_t len,
		       size_t col, bool (*word)(char))
{
	if (plain_words(s, len, word))
		return put_folded(out, s, len, col);
	return put_encoded_words(out, s, len, col);
}

static void put_from(struct buf *out, const struct from_parts *fp)
{
	size_t col = 6;

	buf_puts(out, "From: ");
	if (fp->name.len) {
		col = put_text(out, fp->name.p, fp->name.len, col, atext);
		buf_puts(out, col + 3 + fp->addr.len > LINE_PREFERRED ?
				      "\r\n <" : " <");
		buf_add(out, fp->addr.p, fp->addr.len);
		buf_putc(out, '>');
	} else {
		buf_add(out, fp->addr.p, fp->addr.len);
	}
	buf_puts(out, "\r\n");
}

static void put_subject(struct buf *out, const char *subject)
{
	buf_puts(out, "Subject: ");
	put_text(out, subject, strlen(subject), 9, vchar);
	buf_puts(out, "\r\n");
}

/* Random left part, sender's domain on the right (RFC 5322 3.6.4). */
static void put_message_id(struct buf *out, const struct from_parts *fp)
{
	unsigned char rnd[16];
	char hex[2 * sizeof rnd + 1];
	const char *at = memchr(fp->addr.p, '@', fp->addr.len);

	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
	buf_printf(out, "Message-ID: <%s@%.*s>\r\n", hex,
		   (int)(fp->addr.len - (size_t)(at + 1 - fp->addr.p)), at + 1);
}

/* ---- body ---------------------------------------------------------- */

/* One line in quoted-printable (RFC 2045 6.7). Soft breaks keep every
 * line within 76 characters, and decoding joins them again, so a long
 * link survives intact. A leading '.' is left as it is: SMTP
 * dot-stuffing is the transport's job (see mail_send). */
static void qp_line(struct buf *out, const char *s, size_t len)
{
	size_t col = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		bool blank = c == ' ' || c == '\t';
		char tok[4];
		size_t n = 1;

		if ((c > 32 && c < 127 && c != '=') || (blank && i + 1 < len))
			tok[0] = (char)c;
		else
			n = (size_t)snprintf(tok, sizeof tok, "=%02X", c);
		if (col + n > QP_LINE_MAX - 1) {
			buf_puts(out, "=\r\n");
			col = 0;
		}
		buf_add(out, tok, n);
		col += n;
	}
	buf_puts(out, "\r\n");
}

/* \n or \r\n end a line; a lone \r is kept as =0D rather than becoming a
 * bare CR on the wire. */
static void put_body(struct buf *out, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		qp_line(out, p, len && nl && p[len - 1] == '\r' ? len - 1 : len);
		p += len + (nl ? 1 : 0);
	}
}

/* ---- public -------------------------------------------------------- */

bool mail_enabled(const struct mail_config *cfg)
{
	return cfg && cfg->smtp_url && cfg->smtp_url[0];
}

static int mail_check(const struct mail *m, struct error *err)
{
	if (!m || !m->to || !m->subject || !m->text)
		return error_set(err, ERR_INVALID, "mail: missing field");
	if (addr_check((struct addr){m->to, strlen(m->to)}, "to", err) ||
	    line_check(m->subject, strlen(m->subject), "subject", err))
		return ERR_INVALID;
	if (!utf8_valid_text(m->text, strlen(m->text)))
		return error_set(err, ERR_INVALID,
				 "mail body is not valid UTF-8 text");
	return 0;
}

int mail_format(const struct mail_config *cfg, const struct mail *m,
		time_t now, struct buf *out, struct error *err)
{
	struct from_parts fp;

	if (!cfg)
		return error_set(err, ERR_INVALID, "mail: no configuration");
	if (from_parse(cfg->from, &fp, err) || mail_check(m, err))
		return ERR_INVALID;
	put_date(out, now);
	put_from(out, &fp);
	buf_printf(out, "To: %s\r\n", m->to);
	put_subject(out, m->subject);
	put_message_id(out, &fp);
	buf_puts(out, "MIME-Version: 1.0\r\n"
		      "Content-Type: text/plain; charset=utf-8\r\n"
		      "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	put_body(out, m->text);
	if (out->oom)
		return error_set(err, ERR_INTERNAL, "mail: out of memory");
	return 0;
}

/* sodium_init too: randombytes_buf (Message-ID) is only thread-safe once
 * libsodium has been initialised, and nothing else in praxis does it. */
int mail_library_init(void)
{
	if (sodium_init() < 0)
		return ERR_INTERNAL;
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 :
								   ERR_INTERNAL;
}

void mail_library_cleanup(void)
{
	curl_global_cleanup();
}

/* ---- sending ------------------------------------------------------- */

struct upload {
	const char *p;
	size_t left;
};

static size_t upload_read(char *dst, size_t size, size_t nitems, void *arg)
{
	struct upload *up = arg;
	size_t n = size * nitems < up->left ? size * nitems : up->left;

	memcpy(dst, up->p, n);
	up->p += n;
	up->left -= n;
	return n;
}

/* smtps:// is TLS from the first byte. On smtp:// STARTTLS is used when
 * offered, and demanded once there is a password to protect: with "try",
 * anyone on the path could strip STARTTLS and read the credentials. */
static long tls_mode(const struct mail_config *cfg)
{
	if (!strncasecmp(cfg->smtp_url, "smtps://", 8) ||
	    (cfg->user && cfg->user[0]))
		return (long)CURLUSESSL_ALL;
	return (long)CURLUSESSL_TRY;
}

#define SET(opt, val)                                                   \
	do {                                                            \
		CURLcode e_ = curl_easy_setopt(c, opt, val);            \
		if (e_ != CURLE_OK)                                     \
			return e_;                                      \
	} while (0)

/* Dot-stuffing: libcurl does it. Since 7.26.0 (commit 7ba07c8, "smtp:
 * Fixed non-escaping of dot character at beginning of line") every line
 * of an SMTP upload that starts with '.' goes out as "..", and libcurl
 * appends the CRLF.CRLF terminator itself (curl tests 803, 901, 1520);
 * 8.x does the same in its "cr_eob" client reader. So the message is
 * handed over unstuffed - stuffing it here would double the dots.
 * tests/mail/mail.test.mjs sends a lone "." line and a "..." line through
 * a real SMTP server to hold libcurl to this. */
static CURLcode curl_prepare(CURL *c, const struct mail_config *cfg,
			     struct curl_slist *rcpt, const char *mail_from,
			     struct upload *up, char *errbuf)
{
	long timeout = cfg->timeout_seconds > 0 ? cfg->timeout_seconds :
						  TIMEOUT_DEFAULT;

	SET(CURLOPT_ERRORBUFFER, errbuf);
	SET(CURLOPT_URL, cfg->smtp_url);
	/* A mistyped URL must not turn into a file:// or http:// request. */
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
	SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
	SET(CURLOPT_USE_SSL, tls_mode(cfg));
	if (cfg->user && cfg->user[0]) {
		SET(CURLOPT_USERNAME, cfg->user);
		SET(CURLOPT_PASSWORD, cfg->password ? cfg->password : "");
	}
	SET(CURLOPT_MAIL_FROM, mail_from);
	SET(CURLOPT_MAIL_RCPT, rcpt);
	SET(CURLOPT_UPLOAD, 1L);
	SET(CURLOPT_READFUNCTION, upload_read);
	SET(CURLOPT_READDATA, up);
	SET(CURLOPT_INFILESIZE_LARGE, (curl_off_t)up->left);
	/* Threads of a server must not get SIGALRM from the resolver. */
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_CONNECTTIMEOUT, timeout);
	SET(CURLOPT_TIMEOUT, timeout);
	return CURLE_OK;
}

#undef SET

/* curl's message, plus the server's reply code where curl left it out
 * (a refusal after DATA reads only "Weird server reply"). */
static int curl_fail(CURL *c, CURLcode code, const char *errbuf,
		     struct error *err)
{
	const char *msg = errbuf[0] ? errbuf : curl_easy_strerror(code);
	char reply_s[24];
	long reply = 0;

	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
	snprintf(reply_s, sizeof reply_s, "%ld", reply);
	if (reply >= 400 && !strstr(msg, reply_s))
		return error_set(err, ERR_IO, "smtp: %s (server replied %ld)",
				 msg, reply);
	return error_set(err, ERR_IO, "smtp: %s", msg);
}

int mail_send(const struct mail_config *cfg, const struct mail *m,
	      struct error *err)
{
	char errbuf[CURL_ERROR_SIZE] = "", from[ADDR_MAX + 3], to[ADDR_MAX + 3];
	struct curl_slist *rcpt = NULL;
	struct from_parts fp;
	struct upload up;
	struct buf msg;
	CURL *c = NULL;
	CURLcode code;
	int rc;

	if (!mail_enabled(cfg))
		return error_set(err, ERR_INVALID, "mail is not configured");
	buf_init(&msg, 4096);
	rc = mail_format(cfg, m, time(NULL), &msg, err);
	if (rc)
		goto out;
	/* mail_format has checked both addresses; the envelope takes them in
	 * angle brackets so libcurl passes them on as they are. */
	from_parse(cfg->from, &fp, NULL);
	snprintf(from, sizeof from, "<%.*s>", (int)fp.addr.len, fp.addr.p);
	snprintf(to, sizeof to, "<%s>", m->to);
	c = curl_easy_init();
	rcpt = curl_slist_append(NULL, to);
	if (!c || !rcpt) {
		rc = error_set(err, ERR_INTERNAL, "mail: out of memory");
		goto out;
	}
	up = (struct upload){msg.data, msg.len};
	code = curl_prepare(c, cfg, rcpt, from, &up, errbuf);
	if (code == CURLE_OK)
		code = curl_easy_perform(c);
	if (code != CURLE_OK)
		rc = curl_fail(c, code, errbuf, err);
out:
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	buf_release(&msg);
	return rc;
}
