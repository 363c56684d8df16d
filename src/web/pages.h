/* pages.h - the handlers of the route table, one group per file. */
#ifndef WEB_PAGES_H
#define WEB_PAGES_H

#include "domain/taxonomy.h"
#include "http/http.h"
#include "web/web.h"

int page_home(struct request *rq, struct response *rs);        /* home.c */
int page_practice_list(struct request *rq, struct response *rs); /* list.c */
int page_practice(struct request *rq, struct response *rs);    /* practice.c */
int page_practice_full(struct request *rq, struct response *rs);
int page_categories(struct request *rq, struct response *rs);  /* category.c */
int page_category(struct request *rq, struct response *rs);
int page_organisation(struct request *rq, struct response *rs); /* organisation.c */
int page_search(struct request *rq, struct response *rs);      /* search_page.c */
int page_map(struct request *rq, struct response *rs);         /* map.c */
int page_accessibility(struct request *rq, struct response *rs); /* statement.c */
int page_privacy(struct request *rq, struct response *rs);

int page_login(struct request *rq, struct response *rs);       /* auth.c */
int page_login_post(struct request *rq, struct response *rs);
int page_logout(struct request *rq, struct response *rs);
int page_submit(struct request *rq, struct response *rs);      /* submit_form.c */
int page_submit_post(struct request *rq, struct response *rs); /* submit.c */
int page_track(struct request *rq, struct response *rs);       /* track.c */
int page_queue(struct request *rq, struct response *rs);       /* review.c */
int page_review(struct request *rq, struct response *rs);
int page_decision_post(struct request *rq, struct response *rs);
int page_queue_decision_post(struct request *rq, struct response *rs);
int page_attachment(struct request *rq, struct response *rs);
int page_public_attachment(struct request *rq, struct response *rs);
int page_place_post(struct request *rq, struct response *rs);
int page_audit(struct request *rq, struct response *rs);       /* audit_page.c */
int page_users(struct request *rq, struct response *rs);       /* admin_users.c */
int page_users_post(struct request *rq, struct response *rs);
int page_user_post(struct request *rq, struct response *rs);
int page_vocabularies(struct request *rq, struct response *rs); /* admin_vocab.c */
int page_vocabularies_post(struct request *rq, struct response *rs);
int page_edit(struct request *rq, struct response *rs);        /* edit.c */
int page_edit_post(struct request *rq, struct response *rs);
int page_my_practices(struct request *rq, struct response *rs);
int page_translation_post(struct request *rq, struct response *rs);
int page_revisions(struct request *rq, struct response *rs);   /* revisions.c */
int page_revision(struct request *rq, struct response *rs);
int page_revision_restore(struct request *rq, struct response *rs);
int page_contact_erase(struct request *rq, struct response *rs);

int api_practices(struct request *rq, struct response *rs);    /* api.c */
int api_practice(struct request *rq, struct response *rs);
int api_vocabularies(struct request *rq, struct response *rs);
int api_organisation(struct request *rq, struct response *rs);
int api_search(struct request *rq, struct response *rs);
int api_practices_geojson(struct request *rq, struct response *rs); /* geojson.c */
int api_openapi(struct request *rq, struct response *rs);      /* openapi.c */
int sys_catalog(struct request *rq, struct response *rs);      /* dcat.c */
int api_export(struct request *rq, struct response *rs);       /* export.c */

int sys_healthz(struct request *rq, struct response *rs);      /* system.c */
int sys_metrics(struct request *rq, struct response *rs);
int sys_static(struct request *rq, struct response *rs);
int sys_sitemap(struct request *rq, struct response *rs);      /* sitemap.c */
int sys_feed(struct request *rq, struct response *rs);         /* feed.c */
int sys_oai(struct request *rq, struct response *rs);          /* oai.c */

/* Shared by the home and category pages (home.c). */
void render_category_tree(struct ctx *c, const struct vocabulary *v,
			  int heading);

#endif
