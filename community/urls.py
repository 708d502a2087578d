from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("comments/<int:page_id>/post/", views.post_comment, name="post_comment"),
    path("comments/<int:comment_id>/reply/", views.reply, name="reply"),
    path("comments/thanks/", views.comment_posted, name="comment_posted"),
    path("comments/thanks/<str:token>/", views.comment_posted, name="comment_posted"),
    path("newsletter/", views.subscribe, name="newsletter"),
    path("newsletter/check-your-email/", views.check_email, name="newsletter_check_email"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="newsletter_confirm"),
    path("newsletter/issues/", views.newsletter_archive, name="newsletter_archive"),
    path("newsletter/issues/<int:issue_id>/", views.newsletter_issue, name="newsletter_issue"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="newsletter_unsubscribe"),
]
