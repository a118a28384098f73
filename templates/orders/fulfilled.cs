<?cs # Orders Being Fulfilled: paid orders and their applications' progress.
     Reads what orders/orderlist.cs reads. ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Orders Being Fulfilled</h1>
  <p class="lead">These are orders that have been completed and paid for.</p>
</div>
<?cs set:List.url = "/orders/fulfilled" ?><?cs set:List.progress = "1" ?><?cs set:List.empty = "No paid orders yet." ?>
<?cs include:"orders/orderlist.cs" ?>
<?cs include:"layout/footer.cs" ?>
