/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_NAME_H
#define DONDOC_STORE_NAME_H

/* Do the two names (dondoc_db values, --db) name one store? SQLite: one
   file (the same device and inode, when both exist now), else the same
   text. PostgreSQL: the same host, hostaddr, port, dbname, user and
   options as libpq reads them (a URI and a key=value conninfo alike) in
   a program with that backend, else the same text. Trusts neither name:
   a conninfo libpq cannot parse names no store. */
bool dondoc_store_paths_same(const char *a, const char *b);

#endif
