#include "search/docprep.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/markdown.h"

/* Used batches kept for reuse beyond those in flight: their buffers have
 * grown to the size of the records, so reuse saves most allocations. */
enum { SPARE_MAX = 4 };

struct docprep {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;  /* to the worker: work queued, or stop */
	pthread_cond_t ready; /* to the caller: a batch prepared */
	/* under lock: queued, prepared (both oldest first) and spare batches */
	struct doc_batch *todo, *done, *spare;
	size_t in_flight, spares;
	size_t max_len;
	bool stop;
};

static void doc_init(struct prep_doc *d)
{
	memset(d, 0, sizeof *d);
	buf_init(&d->markdown, 0);
	for (int f = 0; f < DOC_FIELDS; f++) {
		buf_init(&d->field[f].text, 0);
		tape_init(&d->field[f].tape);
	}
}

static void doc_release(struct prep_doc *d)
{
	buf_release(&d->markdown);
	for (int f = 0; f < DOC_FIELDS; f++) {
		buf_release(&d->field[f].text);
		tape_release(&d->field[f].tape);
	}
}

/* A buffer that ran out of memory stays latched: start it again. */
static void buf_renew(struct buf *b)
{
	if (b->oom)
		buf_release(b);
	buf_reset(b);
}

int doc_batch_add(struct doc_batch *b, int64_t id, int table,
		  const char *lang, const char *const text[DOC_FIELDS],
		  const size_t len[DOC_FIELDS], struct error *err)
{
	struct prep_doc *d;

	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct prep_doc *p = realloc(b->doc, cap * sizeof *p);
		if (!p)
			return error_set(err, ERR_INTERNAL, "out of memory");
		for (size_t i = b->cap; i < cap; i++)
			doc_init(&p[i]);
		b->doc = p;
		b->cap = cap;
	}
	d = &b->doc[b->n];
	d->id = id;
	d->table = table;
	snprintf(d->lang, sizeof d->lang, "%s", lang);
	buf_renew(&d->markdown);
	if (text[DOC_BODY])
		buf_add(&d->markdown, text[DOC_BODY], len[DOC_BODY]);
	for (int f = 0; f < DOC_FIELDS; f++) {
		struct doc_field *fd = &d->field[f];
		buf_renew(&fd->text);
		tape_clear(&fd->tape);
		fd->null = f != DOC_BODY && !text[f];
		if (f != DOC_BODY && text[f])
			buf_add(&fd->text, text[f], len[f]);
		if (fd->text.oom)
			return error_set(err, ERR_INTERNAL, "out of memory");
		b->bytes += text[f] ? len[f] : 0;
	}
	if (d->markdown.oom)
		return error_set(err, ERR_INTERNAL, "out of memory");
	b->n++;
	return 0;
}

/* The body's text and every field's analysis. */
static int doc_prepare(struct prep_doc *d, size_t max_len, struct error *err)
{
	struct doc_field *body = &d->field[DOC_BODY];
	int rc;

	/* a body cmark cannot parse is indexed empty, as index_one does */
	if (d->markdown.len)
		markdown_to_text(&body->text, d->markdown.data);
	if (body->text.oom)
		return error_set(err, ERR_INTERNAL, "out of memory");
	for (int f = 0; f < DOC_FIELDS; f++) {
		struct doc_field *fd = &d->field[f];
		if (fd->text.len > max_len)
			return error_set(err, ERR_INVALID, "practice %lld: a text of"
					 " %zu bytes is too long to index",
					 (long long)d->id, fd->text.len);
		if (!fd->null && (rc = tape_record(&fd->tape, d->lang, fd->text.data,
						   fd->text.len, err)) < 0)
			return rc;
	}
	return 0;
}

static void batch_prepare(struct doc_batch *b, size_t max_len)
{
	b->rc = 0;
	for (size_t i = 0; b->rc == 0 && i < b->n; i++)
		b->rc = doc_prepare(&b->doc[i], max_len, &b->err);
}

static void batch_free(struct doc_batch *b)
{
	for (size_t i = 0; i < b->cap; i++)
		doc_release(&b->doc[i]);
	free(b->doc);
	free(b);
}

static void batch_free_list(struct doc_batch *b)
{
	while (b) {
		struct doc_batch *next = b->next;
		batch_free(b);
		b = next;
	}
}

static void append(struct doc_batch **list, struct doc_batch *b)
{
	while (*list)
		list = &(*list)->next;
	b->next = NULL;
	*list = b;
}

static void *worker(void *arg)
{
	struct docprep *p = arg;
	struct doc_batch *b;

	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		if (!(b = p->todo)) {
			pthread_cond_wait(&p->wake, &p->lock);
			continue;
		}
		p->todo = b->next;
		pthread_mutex_unlock(&p->lock);
		batch_prepare(b, p->max_len);
		pthread_mutex_lock(&p->lock);
		append(&p->done, b);
		pthread_cond_signal(&p->ready);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

int docprep_start(struct docprep **out, size_t max_len, struct error *err)
{
	struct docprep *p = calloc(1, sizeof *p);

	*out = NULL;
	if (!p)
		return error_set(err, ERR_INTERNAL, "out of memory");
	p->max_len = max_len;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->wake, NULL);
	pthread_cond_init(&p->ready, NULL);
	if (pthread_create(&p->thread, NULL, worker, p)) {
		pthread_cond_destroy(&p->ready);
		pthread_cond_destroy(&p->wake);
		pthread_mutex_destroy(&p->lock);
		free(p);
		return error_set(err, ERR_INTERNAL, "cannot start the indexing thread");
	}
	*out = p;
	return 0;
}

struct doc_batch *docprep_batch(struct docprep *p)
{
	struct doc_batch *b;

	pthread_mutex_lock(&p->lock);
	if ((b = p->spare)) {
		p->spare = b->next;
		p->spares--;
	}
	pthread_mutex_unlock(&p->lock);
	if (!b && !(b = calloc(1, sizeof *b)))
		return NULL;
	b->n = b->bytes = 0;
	b->rc = 0;
	b->err = (struct error)ERROR_INIT;
	b->next = NULL;
	return b;
}

void docprep_push(struct docprep *p, struct doc_batch *b)
{
	pthread_mutex_lock(&p->lock);
	append(&p->todo, b);
	p->in_flight++;
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->lock);
}

struct doc_batch *docprep_pop(struct docprep *p)
{
	struct doc_batch *b = NULL;

	pthread_mutex_lock(&p->lock);
	if (p->in_flight) {
		/* one worker prepares in order: the first done is the oldest */
		while (!p->done)
			pthread_cond_wait(&p->ready, &p->lock);
		b = p->done;
		p->done = b->next;
		b->next = NULL;
		p->in_flight--;
	}
	pthread_mutex_unlock(&p->lock);
	return b;
}

void docprep_recycle(struct docprep *p, struct doc_batch *b)
{
	pthread_mutex_lock(&p->lock);
	if (p->spares < SPARE_MAX) {
		b->next = p->spare;
		p->spare = b;
		p->spares++;
		b = NULL;
	}
	pthread_mutex_unlock(&p->lock);
	if (b)
		batch_free(b);
}

void docprep_stop(struct docprep *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	batch_free_list(p->todo);
	batch_free_list(p->done);
	batch_free_list(p->spare);
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->wake);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
