/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_TXN_CACHE_H
#define DONDOC_STORE_TXN_CACHE_H

/* What one caller's write transaction (dondoc_store_begin() until its
   commit or rollback) has already read under the store's write lock, so
   that the operations of one delivery, each looking up the same rows,
   read them once: a task's id, status and code by the code asked for, an
   agency's id by its code, and the submission this transaction just
   recorded with no same document (the record checked that under the
   lock; kept until the next write operation begins).
   Nothing is kept outside such a transaction (a reader without the lock
   would trust rows another writer may change), except agency ids read
   with no transaction open: those never change.

   Emptied when the transaction ends and whenever a write operation
   inside it rolls back (its savepoint undid what may have been noted);
   a status ds_task_set_status() wrote is noted. Bounded: past the
   limits nothing more is noted and lookups go to the database.
   Not for use outside lib/store/. Trusts its callers to note what the
   database answered. */

#include "dondoc-store-private.h"

#define DS_TXN_CACHE_MAX_TASKS 32
#define DS_TXN_CACHE_MAX_AGENCIES 32

/* dondoc_store_begin() succeeded / the transaction ended */
void ds_txn_cache_begin(struct dondoc_store *store);
void ds_txn_cache_end(struct dondoc_store *store);
/* a write operation inside the transaction rolled back */
void ds_txn_cache_forget(struct dondoc_store *store);
void ds_txn_cache_free(struct dondoc_store *store);

/* TRUE with what the transaction read for this code (code_r: the
   task's own spelling, valid until the cache is emptied) */
bool ds_txn_cache_task(struct dondoc_store *store, const char *code,
		       int64_t *id_r, enum dondoc_task_status *status_r,
		       const char **code_r);
void ds_txn_cache_task_put(struct dondoc_store *store, const char *code,
			   int64_t id, enum dondoc_task_status status,
			   const char *real_code);
/* the task's status was written (under the lock, in this transaction) */
void ds_txn_cache_task_status(struct dondoc_store *store, int64_t id,
			      enum dondoc_task_status status);

/* TRUE with the agency's id: read in this transaction, or committed
   and read outside any (ds_txn_cache_agency_known()) */
bool ds_txn_cache_agency(struct dondoc_store *store, const char *code,
			 int64_t *id_r);
/* The agency was read with no transaction open, so it is committed;
   no statement deletes an agency or changes its code, so its id stays
   this store's for the handle's life (the first
   DS_TXN_CACHE_MAX_AGENCIES codes; later ones are read each time). */
void ds_txn_cache_agency_known(struct dondoc_store *store, const char *code,
			       int64_t id);
void ds_txn_cache_agency_put(struct dondoc_store *store, const char *code,
			     int64_t id);

/* a write operation begins: the last record's note is dropped */
void ds_txn_cache_writing(struct dondoc_store *store);
/* sub was recorded in this transaction and no other submission was the
   same document (checked by the record under the lock, in the widest
   sense: verified or not when sub is unverified, verified when it is) */
void ds_txn_cache_recorded_put(struct dondoc_store *store,
			       const struct dondoc_submission *sub);
/* TRUE: sub (the same Message-ID and document identity) was recorded
   so in this transaction, so no same document exists for it */
bool ds_txn_cache_recorded_alone(struct dondoc_store *store,
				 const struct dondoc_submission *sub,
				 bool verified_only);

#endif
