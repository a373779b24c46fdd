/* bench/floor.sh's C floor: touchline's C libraries (libcurl with OpenSSL, libpq, hiredis, ncursesw) doing
   what the staging dashboard makes them do every second, and nothing else: an HTTPS request with the stack's
   CA, an HTTP request, a query on a kept PostgreSQL connection, INFO on a kept Redis connection, a curses
   screen. Its resident memory is what these libraries cost any program that does this job.
   Usage: floor URL_HTTPS URL_HTTP CONNINFO REDIS_PORT SECONDS   (the CA file in STACK_CA_FILE, the password in
   PGPASSWORD: never in argv) */
#include <curl/curl.h>
#include <libpq-fe.h>
#include <hiredis/hiredis.h>
#include <ncurses.h>
#include <locale.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
static size_t sink(void *p, size_t s, size_t n, void *u) { return s * n; }
int main(int argc, char **argv) {
  if (argc != 6) { fprintf(stderr, "usage: floor URL_HTTPS URL_HTTP CONNINFO REDIS_PORT SECONDS\n"); return 2; }
  setlocale(LC_ALL, "");
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURL *https = curl_easy_init(), *http = curl_easy_init();
  curl_easy_setopt(https, CURLOPT_URL, argv[1]);
  curl_easy_setopt(https, CURLOPT_CAINFO, getenv("STACK_CA_FILE"));
  curl_easy_setopt(http, CURLOPT_URL, argv[2]);
  curl_easy_setopt(https, CURLOPT_WRITEFUNCTION, sink); curl_easy_setopt(http, CURLOPT_WRITEFUNCTION, sink);
  PGconn *pg = PQconnectdb(argv[3]);
  redisContext *r = redisConnect("127.0.0.1", atoi(argv[4]));
  initscr(); start_color();
  for (int i = 0; i < atoi(argv[5]); i++) {
    int a = curl_easy_perform(https), b = curl_easy_perform(http);
    PGresult *res = PQexec(pg, "select count(*) from pg_stat_activity"); PQclear(res);
    redisReply *rep = redisCommand(r, "INFO"); freeReplyObject(rep);
    mvprintw(0, 0, "https %d http %d pg %d redis %d  %d", a, b, PQstatus(pg), r->err, i); refresh();
    sleep(1);
  }
  endwin();
  return 0;
}
