<?cs # pager(p, id): the line under a keyset-paged list. p.shown rows on this page of
     p.total (when the list has one); p.first and p.next are paths (under Page.base) set by the handler, p.first
     only on a later page, p.next only when more follow. Ids: ID-pager, ID-first, ID-next. ?><?cs
def:pager(p, id) ?><?cs if:p.next || p.first ?>
<p class="pager" id="<?cs var:id ?>-pager">Showing <?cs var:p.shown ?><?cs if:?p.total ?> of <?cs var:p.total ?>.<?cs else ?> rows.<?cs /if ?>
<?cs if:p.first ?>  <a id="<?cs var:id ?>-first" href="<?cs var:Page.base ?><?cs var:p.first ?>">First page</a>
<?cs /if ?><?cs if:p.next ?>  <a class="btn btn-plain" id="<?cs var:id ?>-next" rel="next" href="<?cs var:Page.base ?><?cs var:p.next ?>">Next page <span aria-hidden="true">&rsaquo;</span></a>
<?cs /if ?></p>
<?cs /if ?><?cs /def ?>
