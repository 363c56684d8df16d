/* cli.h - the subcommands of `praxis`; each parses its own flags and
 * returns the process exit status (0 ok, 1 failure, 2 usage). */
#ifndef CLI_CLI_H
#define CLI_CLI_H

int cmd_serve(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_reindex(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_gazetteer(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);

/* Opens the database for a command that writes: creates and migrates
 * it when needed (init and demo). NULL after printing why. */
struct store *cli_open_migrated(const char *path);

#endif
