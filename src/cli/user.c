/* user.c - `praxis user`: accounts from the command line, so the first
 * admin can exist before anyone can sign in. Passwords are read from
 * standard input (one line), never from arguments other users can see. */
#include <getopt.h>
#include <sodium.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/account.h"
#include "store/store.h"

static const char usage[] =
	"usage: praxis user add --email E --name N --role R [--org ID] [--db FILE]\n"
	"       praxis user passwd --email E [--db FILE]\n"
	"       praxis user disable|enable --email E [--db FILE]\n"
	"       praxis user list [--db FILE]\n"
	"\n"
	"Manages accounts. Roles: contributor (with --org, the organisation it\n"
	"speaks for), editor, admin. add and passwd read the password from\n"
	"standard input (one line; at least 12 characters, not a common one).\n"
	"A new password or disabling an account ends its sessions.\n";

struct user_args {
	const char *db, *email, *name, *role;
	long long org;
};

/* One line of standard input, without its newline. */
static int read_password(char *pw, size_t size, struct error *err)
{
	size_t n;

	if (!fgets(pw, (int)size, stdin))
		return error_set(err, ERR_INVALID, "no password on standard input");
	n = strcspn(pw, "\r\n");
	if (n == size - 1 && pw[n] == '\0')
		return error_set(err, ERR_INVALID, "password: too long");
	pw[n] = '\0';
	return 0;
}

static int audit(struct store *st, const char *action, int64_t id,
		 const char *detail, struct error *err)
{
	struct audit_entry e = {.actor = "cli", .action = action,
				.object_type = "account", .object_id = id,
				.detail = detail};
	return store_audit_add(st, &e, err);
}

static int user_add(struct store *st, const struct user_args *u,
		    struct error *err)
{
	char pw[PASSWORD_MAX + 2], hash[PASSWORD_HASH_MAX];
	struct account acc = {.email = u->email, .name = u->name,
			      .org_id = u->org};
	int role = u->role ? code_parse(account_role_codes, ACCOUNT__MAX, u->role)
			   : -1;
	int64_t id;
	int rc = -1;

	if (!u->email || !u->name || role < 0)
		return error_set(err, ERR_INVALID, "add needs --email, --name and "
				 "--role contributor|editor|admin");
	if (!email_valid(u->email))
		return error_set(err, ERR_INVALID, "email: not a valid address");
	acc.role = (enum account_role)role;
	if (read_password(pw, sizeof pw, err) < 0 ||
	    password_policy(pw, u->email, err) < 0 ||
	    password_hash(pw, hash, err) < 0)
		goto out;
	if (store_begin(st, err) < 0)
		goto out;
	if (store_account_insert(st, &acc, hash, &id, err) < 0 ||
	    audit(st, AUDIT_USER_ADD, id, u->role, err) < 0 ||
	    store_commit(st, err) < 0) {
		store_rollback(st);
		goto out;
	}
	printf("account %lld: %s (%s)\n", (long long)id, u->email, u->role);
	rc = 0;
out:
	sodium_memzero(pw, sizeof pw);
	return rc;
}

/* passwd, disable and enable: one change to an existing account. */
static int user_change(struct store *st, const char *verb,
		       const struct user_args *u, struct error *err)
{
	struct arena a = ARENA_INIT;
	struct account acc;
	char pw[PASSWORD_MAX + 2], hash[PASSWORD_HASH_MAX];
	bool passwd = !strcmp(verb, "passwd"), disable = !strcmp(verb, "disable");
	int rc = -1;

	if (!u->email)
		return error_set(err, ERR_INVALID, "%s needs --email", verb);
	if (store_account_by_email(st, &a, u->email, &acc, NULL, err) < 0)
		goto out;
	if (passwd && (read_password(pw, sizeof pw, err) < 0 ||
		       password_policy(pw, u->email, err) < 0 ||
		       password_hash(pw, hash, err) < 0))
		goto out;
	if (store_begin(st, err) < 0)
		goto out;
	if ((passwd ? store_account_set_password(st, acc.id, hash, err)
		    : store_account_set_disabled(st, acc.id, disable, err)) < 0 ||
	    audit(st, passwd ? AUDIT_USER_PASSWORD
		  : disable ? AUDIT_USER_DISABLE : AUDIT_USER_ENABLE,
		  acc.id, NULL, err) < 0 ||
	    store_commit(st, err) < 0) {
		store_rollback(st);
		goto out;
	}
	printf("account %lld: %s %s\n", (long long)acc.id, u->email,
	       passwd ? "has a new password" : disable ? "disabled" : "enabled");
	rc = 0;
out:
	sodium_memzero(pw, sizeof pw);
	arena_free(&a);
	return rc;
}

static int user_list(struct store *st, struct error *err)
{
	struct arena a = ARENA_INIT;
	struct account *accs;
	size_t n;
	int rc = store_account_list(st, &a, &accs, &n, err);

	for (size_t i = 0; rc == 0 && i < n; i++)
		printf("%lld\t%s\t%s\t%s%s\n", (long long)accs[i].id, accs[i].email,
		       account_role_codes[accs[i].role], accs[i].name,
		       accs[i].disabled ? "\t(disabled)" : "");
	arena_free(&a);
	return rc;
}

int cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"email", required_argument, NULL, 'e'},
		{"name", required_argument, NULL, 'n'},
		{"role", required_argument, NULL, 'r'},
		{"org", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	struct user_args u = {.db = "praxis.db"};
	struct error err = ERROR_INIT;
	const char *verb;
	struct store *st;
	int c, rc;

	if (argc < 2 || !strcmp(argv[1], "--help")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	verb = argv[1];
	argc--;
	argv++;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': u.db = optarg; break;
		case 'e': u.email = optarg; break;
		case 'n': u.name = optarg; break;
		case 'r': u.role = optarg; break;
		case 'o': u.org = strtoll(optarg, NULL, 10); break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind != argc) {
		fputs(usage, stderr);
		return 2;
	}
	if (strcmp(verb, "add") && strcmp(verb, "passwd") &&
	    strcmp(verb, "disable") && strcmp(verb, "enable") &&
	    strcmp(verb, "list")) {
		fprintf(stderr, "praxis user: unknown action '%s'\n%s", verb, usage);
		return 2;
	}
	if (!(st = store_open(u.db, 0, &err))) {
		fprintf(stderr, "praxis user: %s\n", err.msg);
		return 1;
	}
	rc = !strcmp(verb, "add") ? user_add(st, &u, &err)
	     : !strcmp(verb, "list") ? user_list(st, &err)
				     : user_change(st, verb, &u, &err);
	if (rc < 0)
		fprintf(stderr, "praxis user: %s\n", err.msg);
	store_close(st);
	return rc < 0 ? 1 : 0;
}
