<?cs # Financial History: payments and funds movements with the running balance.
     Reads: History.N.when/what/order_id/reference/amount/balance, pages of 50
     (Page.History.shown/first/next for layout/pager.cs: id="history-next"),
     Page.History.csv (the CSV of the same dates; not under History, which the rows
     iterate), Funds.balance (company-level users), Form.from/to.value/error,
     Form.error. Tests: id="history-table", id="history-filter", id="history-csv". ?><?cs include:"layout/header.cs" ?><?cs include:"layout/pager.cs" ?>
<div class="page-header">
  <h1>Financial History</h1>
  <p class="lead">This is the financial history of all ECS card purchases made on the account.<?cs if:Funds.balance ?> Funds balance: <strong id="funds-balance"><?cs var:Funds.balance ?></strong>.<?cs /if ?></p>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>
<form class="form panel" id="history-filter" method="get" action="<?cs var:Page.base ?>/orders/history">
  <div class="form-grid">
    <div class="field<?cs if:Form.from.error ?> field-invalid<?cs /if ?>"><label for="from">From (dd/mm/yyyy)</label><input class="input input-medium" type="text" id="from" name="from" value="<?cs var:Form.from.value ?>"></div>
    <div class="field<?cs if:Form.to.error ?> field-invalid<?cs /if ?>"><label for="to">To (dd/mm/yyyy)</label><input class="input input-medium" type="text" id="to" name="to" value="<?cs var:Form.to.value ?>"></div>
  </div>
  <div class="actions"><button class="btn btn-secondary" type="submit">FILTER</button> <a class="btn btn-secondary" id="history-csv" href="<?cs var:Page.base ?><?cs var:Page.History.csv ?>">EXPORT CSV</a></div>
</form>
<div class="table-wrap">
  <table class="table" id="history-table">
    <thead><tr><th scope="col">Date</th><th scope="col">Description</th><th scope="col">Order</th><th scope="col">Your Reference</th><th scope="col" class="num">Amount</th><th scope="col" class="num">Funds Balance</th></tr></thead>
    <tbody>
<?cs each:h = History ?>
      <tr><td class="nowrap"><?cs var:h.when ?></td><td><?cs var:h.what ?></td><td><?cs if:h.order_id ?><a href="<?cs var:Page.base ?>/orders/<?cs var:h.order_id ?>"><?cs var:h.order_id ?></a><?cs /if ?></td><td><?cs var:h.reference ?></td><td class="num"><?cs var:h.amount ?></td><td class="num"><?cs var:h.balance ?></td></tr>
<?cs /each ?>
<?cs if:!?History.0.when ?>      <tr><td colspan="6" class="empty">Nothing in this period.</td></tr><?cs /if ?>
    </tbody>
  </table>
</div>
<?cs call:pager(Page.History, "history") ?>
<?cs include:"layout/footer.cs" ?>
