</div>
</main>
</body>
</html>
