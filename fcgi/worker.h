/* worker.h: one worker process: accepts and answers requests until told to stop. */
#ifndef WORKER_H
#define WORKER_H

#include "conf.h"

/* Runs the request loop on listen_fd; returns the process exit code. */
int	worker_main(const struct config *, int listen_fd);

#endif
