app_name = "kwartiermaken"

urlpatterns = []
