#include "domain/attachment.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

const char *const attachment_type_codes[ATT__MAX] = {
	[ATT_PDF] = "pdf", [ATT_ODT] = "odt", [ATT_DOCX] = "docx",
	[ATT_JPEG] = "jpeg", [ATT_PNG] = "png",
};

const char *const attachment_mime[ATT__MAX] = {
	[ATT_PDF] = "application/pdf",
	[ATT_ODT] = "application/vnd.oasis.opendocument.text",
	[ATT_DOCX] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	[ATT_JPEG] = "image/jpeg",
	[ATT_PNG] = "image/png",
};

/* Extensions a display name may keep for each type; the first is the one
 * added when the client's name has none of them. */
static const char *const extensions[ATT__MAX][4] = {
	[ATT_PDF] = {"pdf"}, [ATT_ODT] = {"odt"}, [ATT_DOCX] = {"docx"},
	[ATT_JPEG] = {"jpg", "jpeg", "jpe"}, [ATT_PNG] = {"png"},
};

int attachment_type_parse(const char *code)
{
	for (int t = 0; code && t < ATT__MAX; t++)
		if (strcmp(code, attachment_type_codes[t]) == 0)
			return t;
	return -1;
}

/* ---- Sniffing ---------------------------------------------------------- */

/* ZIP structures (APPNOTE.TXT 4.3): fixed sizes and the offsets read. */
enum {
	ZIP_LOCAL_SIZE = 30,    /* local file header before its name */
	ZIP_CENTRAL_SIZE = 46,  /* central directory header before its name */
	ZIP_EOCD_SIZE = 22,     /* end of central directory record */
	ZIP_COMMENT_MAX = 0xffff,
	ZIP_FLAG_DESCRIPTOR = 1 << 3, /* sizes follow the data, not here */
};

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* True when [off, off + n) lies within len bytes; written so that no sum
 * can overflow, since off and n come from the file. */
static bool in_bounds(size_t len, size_t off, size_t n)
{
	return off <= len && n <= len - off;
}

static bool bytes_at(const unsigned char *d, size_t len, size_t off,
		     const void *s, size_t n)
{
	return in_bounds(len, off, n) && memcmp(d + off, s, n) == 0;
}

/* ODF 1.2 part 3, 3.3: the first entry is "mimetype", stored, holding the
 * media type. The stored size must be exactly that of the ODT type, so
 * that ".../opendocument.text-template" is not taken for it. */
static bool zip_is_odt(const unsigned char *d, size_t len)
{
	static const char name[] = "mimetype";
	static const char mime[] = "application/vnd.oasis.opendocument.text";
	const size_t nlen = sizeof name - 1, mlen = sizeof mime - 1;
	size_t body;

	if (!in_bounds(len, 0, ZIP_LOCAL_SIZE) || le16(d + 8) != 0 ||
	    le16(d + 26) != nlen || !bytes_at(d, len, ZIP_LOCAL_SIZE, name, nlen))
		return false;
	body = ZIP_LOCAL_SIZE + nlen + le16(d + 28);
	if (!bytes_at(d, len, body, mime, mlen))
		return false;
	/* A streaming writer leaves the sizes zero and puts a signed data
	 * descriptor right after the content. */
	if (le16(d + 6) & ZIP_FLAG_DESCRIPTOR)
		return bytes_at(d, len, body + mlen, "PK\7\10", 4);
	return le32(d + 18) == mlen && le32(d + 22) == mlen;
}

/* The end of central directory record is the last thing in a ZIP. Only a
 * signature whose comment reaches exactly the end of the data counts, and
 * the one nearest the end wins, so the search stays linear however many
 * signatures the comment hides. */
static bool zip_find_eocd(const unsigned char *d, size_t len, size_t *at)
{
	size_t p, lowest;

	if (len < ZIP_EOCD_SIZE)
		return false;
	p = len - ZIP_EOCD_SIZE;
	lowest = p > ZIP_COMMENT_MAX ? p - ZIP_COMMENT_MAX : 0;
	for (;; p--) {
		if (memcmp(d + p, "PK\5\6", 4) == 0 &&
		    le16(d + p + 20) == len - p - ZIP_EOCD_SIZE) {
			*at = p;
			return true;
		}
		if (p == lowest)
			return false;
	}
}

/* A central directory entry is believed only when the local header it
 * points at carries the same name: the directory alone is easy to forge. */
static bool zip_local_named(const unsigned char *d, size_t len, size_t off,
			    const char *name, size_t n)
{
	return bytes_at(d, len, off, "PK\3\4", 4) &&
	       in_bounds(len, off, ZIP_LOCAL_SIZE) && le16(d + off + 26) == n &&
	       bytes_at(d, len, off + ZIP_LOCAL_SIZE, name, n);
}

static bool zip_has_entry(const unsigned char *d, size_t len, const char *name)
{
	size_t eocd, off, end, n = strlen(name);
	unsigned entries;

	if (!zip_find_eocd(d, len, &eocd))
		return false;
	entries = le16(d + eocd + 10);
	off = le32(d + eocd + 16);
	if (!in_bounds(eocd, off, le32(d + eocd + 12)))
		return false; /* the directory must lie before its end record */
	end = off + le32(d + eocd + 12);
	for (; entries > 0; entries--) {
		const unsigned char *e;
		size_t nlen;

		if (!in_bounds(end, off, ZIP_CENTRAL_SIZE) ||
		    memcmp(d + off, "PK\1\2", 4) != 0)
			return false;
		e = d + off;
		nlen = le16(e + 28);
		if (!in_bounds(end, off + ZIP_CENTRAL_SIZE, nlen))
			return false;
		if (nlen == n && memcmp(e + ZIP_CENTRAL_SIZE, name, n) == 0)
			return zip_local_named(d, len, le32(e + 42), name, n);
		off += ZIP_CENTRAL_SIZE + nlen + le16(e + 30) + le16(e + 32);
	}
	return false;
}

int attachment_sniff(const void *data, size_t len)
{
	static const unsigned char png[8] = {0x89, 'P', 'N', 'G',
					     '\r', '\n', 0x1a, '\n'};
	const unsigned char *d = data;

	if (!d)
		return -1;
	if (bytes_at(d, len, 0, "%PDF-", 5))
		return ATT_PDF;
	if (bytes_at(d, len, 0, png, sizeof png))
		return ATT_PNG;
	if (bytes_at(d, len, 0, "\xff\xd8\xff", 3))
		return ATT_JPEG;
	if (!bytes_at(d, len, 0, "PK\3\4", 4))
		return -1;
	if (zip_is_odt(d, len))
		return ATT_ODT;
	if (zip_has_entry(d, len, "word/document.xml"))
		return ATT_DOCX;
	return -1;
}

/* ---- Names ------------------------------------------------------------- */

/* Controls could split a header or a log line; format characters (bidi
 * overrides, zero-width joiners) make "cod.exe" pass for "exe.doc"; the
 * others end a quoted header value or a path segment. */
static bool name_char_dropped(utf8proc_int32_t cp)
{
	if (cp == '"' || cp == '\\' || cp == '/')
		return true;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return true;
	default:
		return false;
	}
}

/* Clients send whole paths ("C:\Users\...\x.pdf" from old browsers). */
static const char *name_base(const char *s)
{
	const char *base = s;

	for (; *s; s++)
		if (*s == '/' || *s == '\\')
			base = s + 1;
	return base;
}

/* Copies s into out without dropped characters or bytes that are not
 * UTF-8; out has room for strlen(s) + 1. Returns the length. */
static size_t name_clean(char *out, const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t left = strlen(s), n = 0;
	utf8proc_int32_t cp;

	while (left > 0) {
		utf8proc_ssize_t k =
			utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp);

		if (k <= 0 || !utf8proc_codepoint_valid(cp)) {
			k = 1;
		} else if (!name_char_dropped(cp)) {
			memcpy(out + n, p, (size_t)k);
			n += (size_t)k;
		}
		p += k;
		left -= (size_t)k;
	}
	out[n] = '\0';
	return n;
}

/* Narrows [*s, *s + *n) past the given characters at either end. */
static void trim(const char **s, size_t *n, const char *lead,
		 const char *trail)
{
	while (*n > 0 && strchr(lead, **s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && strchr(trail, (*s)[*n - 1]))
		(*n)--;
}

/* The extension of s[0..n) when it names type t, else NULL. */
static const char *name_ext_for(const char *s, size_t n, enum attachment_type t)
{
	const char *dot = NULL;
	size_t len;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '.')
			dot = s + i;
	if (!dot)
		return NULL;
	len = n - (size_t)(dot + 1 - s);
	for (int i = 0; i < 4 && extensions[t][i]; i++)
		if (strlen(extensions[t][i]) == len &&
		    strncasecmp(dot + 1, extensions[t][i], len) == 0)
			return dot + 1;
	return NULL;
}

/* The longest prefix of s of at most max bytes that ends on a character. */
static size_t utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

const char *attachment_display_name(struct arena *a, const char *client_name,
				    enum attachment_type t)
{
	const char *base = name_base(client_name ? client_name : "");
	const char *stem, *ext;
	char *clean;
	size_t n, ext_len;

	if ((unsigned)t >= ATT__MAX || !(clean = arena_alloc(a, strlen(base) + 1)))
		return NULL;
	n = name_clean(clean, base);
	stem = clean;
	trim(&stem, &n, " ", " ");
	/* An extension that does not name the real type is kept as part of
	 * the name, and the real one added: a PDF sent as "x.html" must not
	 * be opened by a browser from the downloads folder. */
	ext = name_ext_for(stem, n, t);
	if (ext) {
		ext_len = (size_t)(stem + n - ext);
		n = (size_t)(ext - 1 - stem);
	} else {
		ext = extensions[t][0];
		ext_len = strlen(ext);
	}
	/* No leading dot: that would be a hidden file once saved. */
	trim(&stem, &n, ". ", ". ");
	n = utf8_cut(stem, n, ATTACHMENT_NAME_MAX - 1 - ext_len);
	trim(&stem, &n, "", ". ");
	if (n == 0) {
		stem = "attachment";
		n = strlen(stem);
	}
	return arena_printf(a, "%.*s.%.*s", (int)n, stem, (int)ext_len, ext);
}

/* RFC 5987 attr-char: what filename* may carry without escaping. */
static bool attr_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr("!#$&+-.^_`|~", c));
}

/* The quoted filename for user agents without RFC 6266: one '_' for each
 * character that is not printable ASCII, and for '%' too, which some
 * agents decode. */
static char *put_ascii_fallback(char *o, const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t left = strlen(s);
	utf8proc_int32_t cp;

	while (left > 0) {
		utf8proc_ssize_t k =
			utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp);

		if (k <= 0) {
			k = 1; /* not UTF-8: one '_' per byte */
			cp = 0;
		}
		*o++ = cp >= 0x20 && cp < 0x7f && !strchr("\"\\%", (int)cp) ?
			       (char)cp : '_';
		p += k;
		left -= (size_t)k;
	}
	return o;
}

const char *attachment_disposition(struct arena *a, const char *display_name)
{
	static const char head[] = "attachment; filename=\"";
	static const char mid[] = "\"; filename*=UTF-8''";
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(display_name);
	char *out = arena_alloc(a, sizeof head + sizeof mid + 4 * n), *o = out;

	if (!out)
		return NULL;
	o = stpcpy(o, head);
	o = put_ascii_fallback(o, display_name);
	o = stpcpy(o, mid);
	for (const unsigned char *p = (const void *)display_name; *p; p++) {
		if (attr_char(*p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

/* ---- Storage ----------------------------------------------------------- */

/* The temporary file is not a stored name, so remove and path can never
 * reach it, and one left by a crash is easy to recognise and sweep. */
#define TMP_PREFIX ".tmp-"

bool attachment_stored_name_valid(const char *name)
{
	if (!name)
		return false;
	for (int i = 0; i < ATTACHMENT_STORED_NAME_LEN; i++)
		if (!((name[i] >= '0' && name[i] <= '9') ||
		      (name[i] >= 'a' && name[i] <= 'f')))
			return false; /* also stops at a short name's NUL */
	return name[ATTACHMENT_STORED_NAME_LEN] == '\0';
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int io_error(struct error *err, const char *what, const char *dir,
		    const char *name)
{
	return error_set(err, ERR_IO, "attachment: %s %s%s%s: %s", what, dir,
			 name ? "/" : "", name ? name : "", strerror(errno));
}

/* Writes the temporary file, synced and closed, with its mode exact
 * whatever the umask: the server's group reads it, nobody else. Removes
 * it again when anything fails. */
static int write_file(int dfd, const char *dir, const char *tmp,
		      const void *data, size_t len, struct error *err)
{
	int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			O_CLOEXEC, 0640);
	int rc = 0;

	if (fd < 0)
		return io_error(err, "cannot create", dir, tmp);
	if (fchmod(fd, 0640) < 0 || write_all(fd, data, len) < 0 ||
	    fsync(fd) < 0)
		rc = io_error(err, "cannot write", dir, tmp);
	if (close(fd) < 0 && rc == 0)
		rc = io_error(err, "cannot write", dir, tmp);
	if (rc < 0)
		unlinkat(dfd, tmp, 0);
	return rc;
}

int attachment_store(const char *dir, const void *data, size_t len,
		     struct arena *a, const char **stored_name,
		     struct error *err)
{
	unsigned char rnd[ATTACHMENT_STORED_NAME_LEN / 2];
	char name[ATTACHMENT_STORED_NAME_LEN + 1];
	char tmp[sizeof TMP_PREFIX + ATTACHMENT_STORED_NAME_LEN];
	const char *leftover = NULL;
	char *copy;
	int dfd, rc;

	*stored_name = NULL;
	if (sodium_init() < 0)
		return error_set(err, ERR_INTERNAL,
				 "attachment: libsodium cannot start");
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(name, sizeof name, rnd, sizeof rnd);
	snprintf(tmp, sizeof tmp, TMP_PREFIX "%s", name);
	/* Taken first, so that nothing can fail once the file is in place. */
	if (!(copy = arena_strdup(a, name)))
		return error_set(err, ERR_INTERNAL, "attachment: out of memory");
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return io_error(err, "cannot open", dir, NULL);
	if ((rc = write_file(dfd, dir, tmp, data, len, err)) < 0)
		goto out;
	leftover = tmp;
	if (renameat(dfd, tmp, dfd, name) < 0) {
		rc = io_error(err, "cannot rename", dir, tmp);
		goto out;
	}
	/* Until the directory is synced, a crash may lose the new name. */
	leftover = name;
	if (fsync(dfd) < 0) {
		rc = io_error(err, "cannot sync", dir, NULL);
		goto out;
	}
	leftover = NULL;
	*stored_name = copy;
out:
	if (leftover)
		unlinkat(dfd, leftover, 0);
	close(dfd);
	return rc;
}

int attachment_remove(const char *dir, const char *stored_name,
		      struct error *err)
{
	int dfd, rc = 0;

	/* The name is not echoed: it may be anything a caller was given. */
	if (!attachment_stored_name_valid(stored_name))
		return error_set(err, ERR_INVALID,
				 "attachment: not a stored file name");
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return io_error(err, "cannot open", dir, NULL);
	/* Not synced: a removal lost in a crash leaves an unreferenced file,
	 * which is untidy but harms nobody. */
	if (unlinkat(dfd, stored_name, 0) < 0)
		rc = errno == ENOENT ?
			error_set(err, ERR_NOT_FOUND, "attachment: %s/%s: "
				  "no such file", dir, stored_name) :
			io_error(err, "cannot remove", dir, stored_name);
	close(dfd);
	return rc;
}

const char *attachment_path(struct arena *a, const char *dir,
			    const char *stored_name)
{
	if (!attachment_stored_name_valid(stored_name))
		return NULL;
	return arena_printf(a, "%s/%s", dir, stored_name);
}

int attachment_sweep(const char *dir, time_t before,
		     bool (*known)(void *ctx, const char *name), void *ctx,
		     int *removed, struct error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	struct stat sb;

	*removed = 0;
	if (!d)
		return error_set(err, ERR_IO, "cannot read %s: %s", dir,
				 strerror(errno));
	while ((e = readdir(d))) {
		bool temporary = !strncmp(e->d_name, ".tmp-", 5);
		if (!temporary && (!attachment_stored_name_valid(e->d_name) ||
				   known(ctx, e->d_name)))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (lstat(path, &sb) < 0 || !S_ISREG(sb.st_mode) ||
		    sb.st_mtime >= before)
			continue;
		if (unlink(path) == 0)
			(*removed)++;
	}
	closedir(d);
	return 0;
}
