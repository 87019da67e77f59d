/* Subcommands of the `mote` tool; each returns the process exit code. */
#ifndef MOTE_TOOLS_H
#define MOTE_TOOLS_H

int mote_cmd_version(int argc, char **argv);
int mote_cmd_selftest(int argc, char **argv);
int mote_cmd_demo(int argc, char **argv);
int mote_cmd_client(int argc, char **argv);
int mote_cmd_server(int argc, char **argv);
int mote_cmd_get(int argc, char **argv);

#endif
